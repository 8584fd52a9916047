/** Finding and reading `.daytwo.yaml`. */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, parseConfig, type ParsedConfig } from './config';

/** The config file at a workspace root, if there is one. */
export function findConfigFile(root: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const p = path.join(root, name);
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not there
    }
  }
  return undefined;
}

export interface LoadedConfig extends ParsedConfig {
  file: string;
  text: string;
}

export function loadConfigFile(file: string, knownRules: ReadonlySet<string>): LoadedConfig {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (st.size > 1024 * 1024) {
      return { file, text: '', layer: {}, problems: [{ message: 'The config file is over 1 MB: that is not a Daytwo config.', range: { start: 0, end: 0 } }] };
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, text: '', layer: {}, problems: [{ message: `Cannot read ${file}: ${(e as Error).message}`, range: { start: 0, end: 0 } }] };
  }
  return { file, text, ...parseConfig(text, knownRules) };
}
