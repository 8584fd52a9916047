/** Finding the YAML files to scan: no symlinks out of the roots, no .git or node_modules, bounded reads. */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isYamlPath } from '../engine/detect';

export const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface FileListing {
  files: string[];
  /** Paths named on the command line that do not exist. */
  missing: string[];
}

/**
 * Expands paths into YAML files, sorted for deterministic output. A file named explicitly is scanned
 * whatever its extension; directories contribute `.yaml`/`.yml` files. Symlinks are followed only
 * when their target stays inside the root they were found under.
 */
export function listFiles(paths: string[]): FileListing {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isFile()) files.add(path.resolve(p));
    else if (st.isDirectory()) walk(path.resolve(p), fs.realpathSync(p), files);
  }
  return { files: [...files].sort(), missing };
}

function walk(dir: string, realRoot: string, out: Set<string>) {
  const stack = [dir];
  const seen = new Set<string>();
  while (stack.length) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(full);
      } else if (e.isFile()) {
        if (isYamlPath(e.name)) out.add(full);
      } else if (e.isSymbolicLink()) {
        let real: string;
        let st: fs.Stats;
        try {
          real = fs.realpathSync(full);
          st = fs.statSync(real);
        } catch {
          continue;
        }
        // Never leave the scanned root through a link, and never loop.
        if (real !== realRoot && !real.startsWith(realRoot + path.sep)) continue;
        if (seen.has(real)) continue;
        seen.add(real);
        if (st.isDirectory() && !SKIPPED_DIRS.has(e.name)) stack.push(full);
        else if (st.isFile() && isYamlPath(e.name)) out.add(full);
      }
    }
  }
}

export interface ReadResult {
  text?: string;
  /** Size in bytes, when known. */
  size: number;
  error?: string;
}

/**
 * Reads a file as UTF-8 unless it is over `maxBytes`: then only its size is returned and the engine
 * reports the limit (the text is replaced by a placeholder of the same length, never loaded).
 */
export function readBounded(file: string, maxBytes: number): ReadResult {
  try {
    const st = fs.statSync(file);
    if (st.size > maxBytes) return { size: st.size };
    return { text: decode(fs.readFileSync(file)), size: st.size };
  } catch (e) {
    return { size: 0, error: (e as Error).message };
  }
}

/** UTF-8, or UTF-16 when the file starts with its byte-order mark (editors on Windows still write it). */
export function decode(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2)));
    le.swap16();
    return le.toString('utf16le');
  }
  return buf.toString('utf8');
}
