#!/usr/bin/env node
/**
 * daytwo: the same engine as the editor, for CI.
 *   daytwo scan [PATH...]   exit 0 clean, 1 when a finding reaches the threshold, 2 for usage or config errors
 *   daytwo rules            the rule registry
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeConfig, type ConfigLayer, type ResolvedConfig } from '../engine/config';
import { findConfigFile, loadConfigFile } from '../engine/configFile';
import { LineIndex } from '../engine/text';
import { SEVERITY_RANK, type Severity } from '../engine/types';
import { RULES, RULE_IDS } from '../rules/registry';
import { listFiles } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText, formatTextFile, formatTextSummary } from './format/text';
import { summarize, type FileFindings } from './report';
import { defaultJobs, scanFilesParallel, worthParallel } from './parallel';
import { scanFiles } from './scan';
import { describeChanges, diffChanges, fixFiles } from './fix';
import { VERSION } from '../version';

class UsageError extends Error {}

const HELP = `daytwo ${VERSION}: Kubernetes production-readiness linter

Usage:
  daytwo scan [PATH...] [options]   scan files and folders (default: .)
  daytwo rules [--format text|json] list the rules
  daytwo --version | --help

Scan options:
  --format text|json|sarif          output format (default text)
  --config FILE                     config file (default: .daytwo.yaml in the current folder)
  --kubernetes-version X.Y          target Kubernetes version (default 1.35)
  --severity-threshold LEVEL        error|warning|info: lowest severity that fails the run (default warning)
  --max-file-size BYTES             skip larger files (default 10485760)
  --no-color                        plain text output
  --jobs N                          worker threads (default: one per core for inputs over 16 MB; 1 = single-threaded)
  --fix                             apply every safe fix in place, then report what remains
  --fix-dry-run                     print the fixes as a unified diff, write nothing

Exit codes: 0 no finding at or above the threshold, 1 findings, 2 usage or config error.
`;

interface Args {
  command: string;
  paths: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['jobs', 'format', 'config', 'kubernetes-version', 'severity-threshold', 'max-file-size', 'max-documents', 'max-alias-count', 'max-depth']);
const BOOL_FLAGS = new Set(['no-color', 'help', 'version', 'fix', 'fix-dry-run']);

function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') flags.set('help', true);
    else if (a === '-v') flags.set('version', true);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (VALUE_FLAGS.has(name)) {
        const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
        if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else if (BOOL_FLAGS.has(name)) flags.set(name, true);
      else throw new UsageError(`unknown option --${name}`);
    } else positional.push(a);
  }
  const [command = flags.has('version') || flags.has('help') ? '' : 'help', ...paths] = positional;
  return { command, paths, flags };
}

function oneOf<T extends string>(flag: string, value: string | true | undefined, allowed: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
}

function positiveInt(flag: string, value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive whole number`);
  return n;
}

/** Loads the config, printing its problems as `file:line:col` lines. Returns undefined on a bad config. */
function resolveConfig(args: Args, stderr: (s: string) => void): ResolvedConfig | undefined {
  const explicit = args.flags.get('config');
  const file = typeof explicit === 'string' ? explicit : findConfigFile(process.cwd());
  let fileLayer: ConfigLayer | undefined;
  if (file) {
    if (typeof explicit === 'string' && !fs.existsSync(explicit)) {
      stderr(`daytwo: config file not found: ${explicit}\n`);
      return undefined;
    }
    const loaded = loadConfigFile(file, RULE_IDS);
    if (loaded.problems.length) {
      const lines = new LineIndex(loaded.text);
      for (const p of loaded.problems) {
        const pos = lines.positionAt(p.range.start);
        stderr(`${path.relative(process.cwd(), file) || file}:${pos.line + 1}:${pos.character + 1} error ${p.message}\n`);
      }
      stderr(`daytwo: the config file ${file} has ${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}; fix ${loaded.problems.length === 1 ? 'it' : 'them'} and run again.\n`);
      return undefined;
    }
    fileLayer = loaded.layer;
  }
  const cli: ConfigLayer = { limits: {} };
  const kv = args.flags.get('kubernetes-version');
  if (kv !== undefined) {
    if (typeof kv !== 'string' || !/^1\.\d{1,2}$/.test(kv)) throw new UsageError('--kubernetes-version must look like 1.35');
    cli.kubernetesVersion = kv;
  }
  const limitFlags = { maxFileSize: 'max-file-size', maxDocuments: 'max-documents', maxAliasCount: 'max-alias-count', maxDepth: 'max-depth' } as const;
  for (const [key, flag] of Object.entries(limitFlags)) {
    const v = positiveInt(flag, args.flags.get(flag));
    if (v !== undefined) cli.limits![key as keyof typeof limitFlags] = v;
  }
  return mergeConfig(fileLayer, cli);
}

export function main(argv: string[], io = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) }): number | Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`daytwo: ${(e as Error).message}\n${HELP}`);
    return 2;
  }
  if (args.flags.has('version')) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  try {
    switch (args.command) {
      case 'scan':
        return scan(args, io);
      case 'rules':
        return rules(args, io);
      case 'help':
        io.stdout(HELP);
        return 0;
      case '':
        io.stdout(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`daytwo: ${e.message}\nRun "daytwo --help" for usage.\n`);
      return 2;
    }
    throw e;
  }
}

function rules(args: Args, io: { stdout: (s: string) => void }): number {
  const format = oneOf('format', args.flags.get('format'), ['text', 'json'] as const, 'text');
  if (format === 'json') {
    const list = RULES.map((r) => ({ id: r.id, category: r.category, severity: r.severity, description: r.description, enabledByDefault: !r.defaultOff, fixable: !!r.fix }));
    io.stdout(JSON.stringify({ rules: list }) + '\n');
  } else {
    const width = Math.max(...RULES.map((r) => r.id.length));
    for (const r of RULES) io.stdout(`${r.id.padEnd(width)}  ${r.category.padEnd(10)}  ${r.severity.padEnd(7)}  ${r.description}\n`);
  }
  return 0;
}

function scan(args: Args, io: { stdout: (s: string) => void; stderr: (s: string) => void }): number | Promise<number> {
  const format = oneOf('format', args.flags.get('format'), ['text', 'json', 'sarif'] as const, 'text');
  const threshold = oneOf('severity-threshold', args.flags.get('severity-threshold'), ['error', 'warning', 'info'] as const, 'warning');
  const config = resolveConfig(args, io.stderr);
  if (!config) return 2;
  const paths = args.paths.length ? args.paths : ['.'];
  const listing = listFiles(paths);
  if (listing.missing.length) {
    io.stderr(`daytwo: no such file or folder: ${listing.missing.join(', ')}\n`);
    return 2;
  }
  const fix = args.flags.has('fix') || args.flags.has('fix-dry-run');
  const dryRun = args.flags.has('fix-dry-run');
  const input = { files: listing.files, config, root: process.cwd(), log: (m: string) => io.stderr(m + '\n') };
  let out;
  if (fix) {
    const run = fixFiles({ ...input, dryRun });
    out = run.output;
    // Machine-readable formats keep stdout for the report.
    const note = format === 'text' ? io.stdout : io.stderr;
    if (dryRun) note(diffChanges(run.changes));
    note(describeChanges(run.changes, dryRun));
  } else {
    // Big inputs: worker threads, each file printed (text format) as soon as it and those before it are done.
    const jobs = positiveInt('jobs', args.flags.get('jobs')) ?? defaultJobs();
    if (jobs > 1 && (args.flags.has('jobs') ? input.files.length > 1 : worthParallel(input.files, jobs))) {
      const color = !args.flags.has('no-color') && !!process.stdout.isTTY && !process.env.NO_COLOR;
      return scanFilesParallel(input, jobs, format === 'text' ? (f) => io.stdout(formatTextFile(f, color)) : undefined).then((par) => {
        const summary = summarize(par.results, par.filesScanned, par.objects);
        if (format === 'json') io.stdout(formatJson(par.results, summary));
        else if (format === 'sarif') io.stdout(formatSarif(par.results, RULES, VERSION));
        else io.stdout(formatTextSummary(summary));
        return exitCode(par.results, threshold as Severity);
      });
    }
    out = scanFiles(input);
  }
  const summary = summarize(out.results, out.filesScanned, out.objects);
  if (format === 'json') io.stdout(formatJson(out.results, summary));
  else if (format === 'sarif') io.stdout(formatSarif(out.results, RULES, VERSION));
  else io.stdout(formatText(out.results, summary, !args.flags.has('no-color') && !!process.stdout.isTTY && !process.env.NO_COLOR));
  return exitCode(out.results, threshold as Severity);
}

function exitCode(results: FileFindings[], threshold: Severity): number {
  const failing = results.some((f) => f.findings.some((x) => !x.suppressed && SEVERITY_RANK[x.severity] >= SEVERITY_RANK[threshold]));
  return failing ? 1 : 0;
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
