/** Runs the built CLI as CI would, with 1 GiB of heap and the no-network guard preloaded. */

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
export const GUARD = path.join(ROOT, 'test/robustness/no-network.js');

export function runCli(args: string[], cwd: string, opts: { guard?: boolean } = {}) {
  const node = ['--max-old-space-size=1024', ...(opts.guard === false ? [] : ['--require', GUARD])];
  const r = spawnSync(process.execPath, [...node, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DAYTWO_GUARD_ALLOWED_ROOT: ROOT, NO_COLOR: '1' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

