/**
 * One Project per workspace folder: its own engine Workspace, its own `.daytwo.yaml`. Files outside
 * every folder (opened loose) go to a rootless fallback project.
 */

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig, parseConfig, type ConfigLayer, type ConfigProblem } from '../engine/config';
import { findConfigFile, loadConfigFile } from '../engine/configFile';
import { Workspace } from '../engine/workspace';
import { RULES, RULE_IDS } from '../rules/registry';

export class Project {
  workspace: Workspace;
  configFile?: string;
  configProblems: ConfigProblem[] = [];
  configText = '';
  scanning = false;
  scanned = false;

  constructor(
    readonly folderUri: string | undefined,
    readonly root: string | undefined,
    private settings: ConfigLayer,
    private readonly log: (m: string) => void,
  ) {
    this.workspace = new Workspace({ rules: RULES, root, log });
    this.reloadConfig();
  }

  /** Editor settings are the user-level defaults; `.daytwo.yaml` wins over them. */
  setSettings(settings: ConfigLayer): void {
    this.settings = settings;
    this.reloadConfig();
  }

  reloadConfig(openText?: string): void {
    let fileLayer: ConfigLayer | undefined;
    this.configFile = this.root ? findConfigFile(this.root) : undefined;
    this.configProblems = [];
    this.configText = '';
    if (this.configFile) {
      const loaded =
        openText !== undefined
          ? { ...parseConfig(openText, RULE_IDS), file: this.configFile, text: openText }
          : loadConfigFile(this.configFile, RULE_IDS);
      this.configProblems = loaded.problems;
      this.configText = loaded.text;
      fileLayer = loaded.layer;
    }
    this.workspace.setConfig(mergeConfig(this.settings, fileLayer));
  }

  contains(uri: string): boolean {
    if (!this.root) return false;
    const p = uriToFsPath(uri);
    return !!p && (p === this.root || p.startsWith(this.root + path.sep));
  }
}

export function uriToFsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
