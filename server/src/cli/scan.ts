/** A scan over files: read, index, analyse, collect. Shared by the CLI's commands. */

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isConfigFile, isKustomizationFile } from '../engine/detect';
import type { ResolvedConfig } from '../engine/config';
import { Workspace } from '../engine/workspace';
import { RULES } from '../rules/registry';
import { readBounded } from './files';
import type { FileFindings } from './report';

export interface ScanInput {
  files: string[];
  config: ResolvedConfig;
  /** Root for ignore globs and relative paths. */
  root: string;
  log?: (m: string) => void;
}

export interface ScanOutput {
  workspace: Workspace;
  results: FileFindings[];
  /** Absolute path -> URI used in the workspace. */
  uris: Map<string, string>;
  objects: number;
  filesScanned: number;
}

export function relativeName(root: string, file: string): string {
  const rel = path.relative(root, file);
  return (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
}

/** Loads every file into one workspace (so cross-resource rules see them all), then analyses each. */
export function scanFiles(input: ScanInput): ScanOutput {
  const ws = new Workspace({ rules: RULES, config: input.config, root: input.root, log: input.log });
  const uris = new Map<string, string>();
  // Kustomizations first: they decide which files are partial patches.
  const ordered = [...input.files].sort((a, b) => Number(isKustomizationFile(b)) - Number(isKustomizationFile(a)));
  for (const file of ordered) {
    if (isConfigFile(file)) continue;
    const uri = pathToFileURL(file).href;
    if (ws.isIgnored(uri)) continue;
    uris.set(file, uri);
    const r = readBounded(file, input.config.limits.maxFileSize);
    if (r.text !== undefined) ws.update(uri, r.text);
    else if (!r.error) ws.updateOversize(uri, r.size);
    else input.log?.(`daytwo: cannot read ${file}: ${r.error}`);
  }
  const results: FileFindings[] = [];
  for (const file of input.files) {
    const uri = uris.get(file);
    if (!uri) continue;
    const res = ws.analyze(uri);
    if (!res) continue;
    results.push({
      file: relativeName(input.root, file),
      findings: res.findings.map((f) => ({ ...f, lspRange: res.lines.rangeOf(f.range) })),
    });
  }
  return { workspace: ws, results, uris, objects: ws.index.size, filesScanned: uris.size };
}
