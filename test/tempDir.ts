/**
 * Temporary directories for a test file, removed when its process exits (`node --test` runs each
 * test file in a process of its own), so test runs do not pile up directories in the temp folder.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!made.length) {
    process.on('exit', () => {
      for (const d of made) fs.rmSync(d, { recursive: true, force: true });
    });
  }
  made.push(dir);
  return dir;
}
