// Bundles the docs generator (TypeScript, importing the registry) and runs it.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'daytwo-docs-')), 'generate.js');
await esbuild.build({ entryPoints: ['server/src/docs/generate.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'warning' });
execFileSync(process.execPath, [out, process.cwd()], { stdio: 'inherit' });
