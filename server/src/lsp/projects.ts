/**
 * One Project per workspace folder: its own engine Workspace, its own `.daytwo.yaml`. Files outside
 * every folder (opened loose) go to a rootless fallback project.
 */

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAMES, mergeConfig, parseConfig, type ConfigLayer, type ConfigProblem } from '../engine/config';
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

  /** The root's config file as the editor has it open, saved or not: read instead of the disk's. */
  private inEditor?: { file: string; text: string };

  /**
   * The editor's text of a `.daytwo.yaml` (undefined once closed). False, changing nothing, for one
   * this project does not read: outside its root folder, or a `.daytwo.yml` beside a `.daytwo.yaml`.
   */
  configInEditor(file: string, text: string | undefined): boolean {
    if (this.configNotRead(file)) return false;
    this.inEditor = text === undefined ? undefined : { file, text };
    this.reloadConfig();
    return true;
  }

  /** Why this project does not read config file `file` (undefined: no file path), for the user; undefined when it does. */
  configNotRead(file: string | undefined): string | undefined {
    if (!this.root || !file) return 'Daytwo reads .daytwo.yaml at the root of a workspace folder, and this file is in none: it is not read (the CLI reads any file given with --config).';
    if (path.dirname(file) !== this.root) return `Daytwo reads .daytwo.yaml at the root of the workspace folder (${this.root}) only: this file is not read (the CLI reads any file given with --config).`;
    const onDisk = findConfigFile(this.root);
    if (!this.readsBefore(file, onDisk)) return `Daytwo reads ${path.basename(onDisk!)} in this folder, which comes first: this file is not read.`;
    return undefined;
  }

  /** Whether config file `a` is read rather than `b` (the first of CONFIG_FILE_NAMES present is). */
  private readsBefore(a: string, b: string | undefined): boolean {
    return !b || CONFIG_FILE_NAMES.indexOf(path.basename(a)) <= CONFIG_FILE_NAMES.indexOf(path.basename(b));
  }

  reloadConfig(): void {
    let fileLayer: ConfigLayer | undefined;
    const onDisk = this.root ? findConfigFile(this.root) : undefined;
    const editor = this.inEditor && this.readsBefore(this.inEditor.file, onDisk) ? this.inEditor : undefined;
    this.configFile = editor?.file ?? onDisk;
    this.configProblems = [];
    this.configText = '';
    if (this.configFile) {
      const loaded = editor ? { ...parseConfig(editor.text, RULE_IDS), file: editor.file, text: editor.text } : loadConfigFile(this.configFile, RULE_IDS);
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
