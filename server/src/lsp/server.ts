/**
 * The Daytwo language server: diagnostics as you type, a background scan of the workspace, hovers,
 * and the readiness request the panel is drawn from. All handlers are guarded: a failure answers
 * the one request with an error and is logged, and the server keeps serving.
 */

import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, InitializeParams, InitializeResult, WorkDoneProgressServerReporter, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind } from './languageServer';
import { EditorDocument } from './editorDocument';
import { isConfigFile, isYamlPath } from '../engine/detect';
import { LineIndex } from '../engine/text';
import { listFiles, readBounded } from '../cli/files';
import { DiagnosticMemo, SOURCE } from './diagnostics';
import { Project, uriToFsPath } from './projects';
import { settingsToLayer } from './settings';
import { READINESS_REQUEST, SCAN_WORKSPACE_REQUEST, STATUS_NOTIFICATION, type ReadinessParams, type StatusParams } from './protocol';
import { computeReadiness } from './readiness';
import { hover } from './hover';
import { complete, COMPLETION_TRIGGER_CHARACTERS } from './completion';
import { CODE_ACTION_KINDS, provideCodeActions, resolveCodeAction, type CodeActionHost } from './codeActions';
import type { ConfigLayer } from '../engine/config';
import type { Finding } from '../engine/types';
import { VERSION } from '../version';
import { fingerprint } from '../engine/hash';
import { HeapKeeper, IdleCollector } from './heap';

/** Changes to a document closer together than this after its last analysis are debounced by it. */
const BURST_MS = 5;
/** Delay before re-checking other files after the index changed: batches bursts of edits. */
const DEPENDANTS_DEBOUNCE_MS = 250;
/** Files checked per turn of the event loop when re-checking dependants. */
const RECHECK_BATCH = 200;
/** Longest stretch of background scanning before it yields to requests and open files. */
const SCAN_SLICE_MS = 25;

export class DaytwoServer {
  readonly documents = new TextDocuments<EditorDocument>({ create: EditorDocument.create, update: EditorDocument.update });
  private projects: Project[] = [];
  private fallback: Project;
  private settings: { enabled: boolean; layer: ConfigLayer } = { enabled: true, layer: {} };
  private readonly published = new Map<string, string>();
  /** The analysis last published for each open file, and the version it was sent with. */
  private readonly sentOpen = new Map<string, { version: number; findings: readonly Finding[] }>();
  /** Open files' diagnostics, given again while their findings stay where they are. */
  private readonly diagnostics = new DiagnosticMemo();
  /** Cancels the analysis scheduled for an open document. */
  private readonly pending = new Map<string, () => void>();
  private readonly lastRun = new Map<string, number>();
  private readonly idleCollector = new IdleCollector();
  private dependantsTimer?: NodeJS.Timeout;
  private readonly dirtyProjects = new Set<Project>();
  private hasConfigurationCapability = false;
  private hasProgressCapability = false;
  private hasWatchedFilesRegistration = false;
  private scanGeneration = 0;
  private clientResolvesCodeActions = false;
  /** Code actions read the engine state of the document's current text (pending analysis is run first). */
  private readonly codeActionHost: CodeActionHost = {
    workspaceFor: (uri) => {
      const cancel = this.pending.get(uri);
      if (cancel) {
        cancel();
        this.pending.delete(uri);
        this.validateOpen(uri);
      }
      const doc = this.documents.get(uri);
      const ws = this.projectFor(uri).workspace;
      if (!doc || !ws.has(uri)) return undefined;
      ws.update(uri, doc.getText(), doc.version, doc.lines); // a no-op when the engine already has this text
      return ws;
    },
    document: (uri) => this.documents.get(uri),
    log: (m) => this.log(m),
  };

  constructor(readonly connection: Connection) {
    this.fallback = new Project(undefined, undefined, {}, this.log);
    this.register();
  }

  private log = (m: string) => {
    try {
      this.connection.console.log(m);
    } catch {
      // The connection is gone; nothing to tell.
    }
  };

  /** Runs a handler, logging and swallowing what escapes it so one bad file cannot stop the server. */
  private guard<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback: R): (...args: A) => R {
    return (...args: A) => {
      try {
        return fn(...args);
      } catch (e) {
        const err = e as Error;
        this.log(`daytwo: ${name} failed: ${err.stack ?? err.message}`);
        return fallback;
      }
    };
  }

  private register() {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized().catch((e: Error) => this.log(`daytwo: initialization failed: ${e.stack ?? e.message}`)));
    c.onHover(this.guard('hover', (p) => hover(this.projectFor(p.textDocument.uri), p, this.documents.get(p.textDocument.uri)), null));
    c.onCompletion(this.guard('completion', (p) => {
      const doc = this.documents.get(p.textDocument.uri);
      const fsPath = uriToFsPath(p.textDocument.uri);
      return doc ? complete(doc.getText(), p.position, { isConfigFile: !!fsPath && isConfigFile(fsPath) }) : null;
    }, null));
    c.onRequest(READINESS_REQUEST, this.guard('readiness', (p: ReadinessParams | undefined) => computeReadiness(this.allProjects(p?.folder)), null));
    c.onRequest(SCAN_WORKSPACE_REQUEST, () =>
      this.scanAll(true)
        .then(() => ({ files: this.allProjects().reduce((n, p) => n + p.workspace.uris().length, 0) }))
        .catch((e: Error) => {
          this.log(`daytwo: scanWorkspace failed: ${e.stack ?? e.message}`);
          return { files: 0 };
        }),
    );
    c.onDidChangeConfiguration(() => void this.refreshSettings());
    c.onCodeAction(this.guard('codeAction', (p) => provideCodeActions(this.codeActionHost, p, this.clientResolvesCodeActions), []));
    c.onCodeActionResolve(this.guard('codeActionResolve', (a) => resolveCodeAction(this.codeActionHost, a), undefined as never));
    // Pull diagnostics for clients that ask (push stays the primary channel, so it is not advertised).
    c.languages.diagnostics.on(
      this.guard('pullDiagnostics', (p) => ({ kind: 'full' as const, items: this.diagnosticsFor(p.textDocument.uri) }), { kind: 'full' as const, items: [] }),
    );
    c.onDidChangeWatchedFiles(this.guard('watchedFiles', (p) => {
      for (const ch of p.changes) this.onFileEvent(ch.uri, ch.type);
    }, undefined));
    c.onShutdown(() => {
      for (const cancel of this.pending.values()) cancel();
      if (this.dependantsTimer) clearTimeout(this.dependantsTimer);
      this.idleCollector.cancel();
    });

    this.documents.onDidChangeContent(this.guard('change', (e) => this.schedule(e.document.uri), undefined));
    this.documents.onDidClose(this.guard('close', (e) => this.onClose(e.document.uri), undefined));
    this.documents.listen(c);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.hasConfigurationCapability = !!caps.workspace?.configuration;
    this.hasProgressCapability = !!caps.window?.workDoneProgress;
    this.hasWatchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.clientResolvesCodeActions = !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit');
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.setFolders(folders.map((f) => f.uri));
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) this.applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'daytwo', version: VERSION },
    };
  }

  private async initialized() {
    if (this.hasWatchedFilesRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.daytwo.{yaml,yml}' }],
      });
    }
    try {
      this.connection.workspace.onDidChangeWorkspaceFolders(this.guard('workspaceFolders', (e: WorkspaceFoldersChangeEvent) => {
        const keep = this.projects.map((p) => p.folderUri!).filter((u) => !e.removed.some((r) => r.uri === u));
        for (const r of e.removed) {
          const gone = this.projects.find((p) => p.folderUri === r.uri);
          if (gone) for (const uri of gone.workspace.uris()) if (!this.documents.get(uri)) this.clear(uri);
        }
        this.setFolders([...keep, ...e.added.map((a) => a.uri)]);
        void this.scanAll(false).catch((err: Error) => this.log(`daytwo: scan failed: ${err.stack ?? err.message}`));
      }, undefined));
    } catch {
      // The client does not support workspace folder changes.
    }
    await this.refreshSettings();
    await this.scanAll(false);
  }

  private setFolders(uris: string[]) {
    const existing = new Map(this.projects.map((p) => [p.folderUri, p]));
    this.projects = uris
      .map((uri) => existing.get(uri) ?? new Project(uri, uriToFsPath(uri), this.settings.layer, this.log))
      .filter((p) => !!p.root);
    // Longest root first, so nested folders own their files.
    this.projects.sort((a, b) => b.root!.length - a.root!.length);
  }

  private async refreshSettings() {
    if (!this.hasConfigurationCapability) return;
    try {
      // A client that never answers must not hold up the workspace scan.
      const raw = await Promise.race([
        this.connection.workspace.getConfiguration({ section: 'daytwo' }),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000)),
      ]);
      if (raw !== undefined) this.applySettings(raw);
    } catch (e) {
      this.log(`daytwo: could not read settings: ${(e as Error).message}`);
    }
  }

  private applySettings(raw: unknown) {
    this.settings = settingsToLayer(raw);
    for (const p of this.allProjects()) p.setSettings(this.settings.layer);
    this.fallback.setSettings(this.settings.layer);
    this.revalidateAll();
  }

  allProjects(folder?: string): Project[] {
    return folder ? this.projects.filter((p) => p.folderUri === folder) : this.projects;
  }

  projectFor(uri: string): Project {
    return this.projects.find((p) => p.contains(uri)) ?? this.fallback;
  }

  // --- open documents -------------------------------------------------------------------------

  /**
   * Analysis of an edit costs milliseconds even in a 10,000-line file (only the changed YAML document
   * is re-parsed), so an edit is analysed on the next turn of the event loop. Only changes coming
   * within BURST_MS of the end of the document's last analysis of a change (a burst already queued,
   * or a tool applying many edits) are debounced: the first keystroke after an open is not held back.
   * A newer version always replaces pending work: diagnostics are computed from the latest text.
   */
  private schedule(uri: string) {
    this.pending.get(uri)?.();
    const ofChange = !!this.documents.get(uri)?.changed;
    const run = () => {
      this.pending.delete(uri);
      this.guard('validate', () => this.validateOpen(uri), undefined)();
      if (ofChange) this.lastRun.set(uri, performance.now());
      else this.lastRun.delete(uri);
      this.idleCollector.schedule(() => this.pending.size > 0, () => this.documents.get(uri)?.settle());
    };
    if (performance.now() - (this.lastRun.get(uri) ?? -Infinity) < BURST_MS) {
      const t = setTimeout(run, BURST_MS);
      this.pending.set(uri, () => clearTimeout(t));
    } else {
      const t = setImmediate(run);
      this.pending.set(uri, () => clearImmediate(t));
    }
  }

  private validateOpen(uri: string) {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const path = uriToFsPath(uri);
    if (path && isConfigFile(path)) {
      this.validateConfig(uri, doc.getText());
      return;
    }
    if (!this.settings.enabled || doc.languageId !== 'yaml' && !(path && isYamlPath(path))) {
      this.clear(uri);
      return;
    }
    const project = this.projectFor(uri);
    if (project.workspace.isIgnored(uri)) {
      this.clear(uri);
      return;
    }
    const indexChanged = this.updateOpen(project, doc);
    this.publish(project, uri);
    if (indexChanged) this.scheduleDependants(project);
  }

  private onClose(uri: string) {
    this.diagnostics.forget(uri);
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.lastRun.delete(uri);
    const project = this.projectFor(uri);
    const path = uriToFsPath(uri);
    if (path && isConfigFile(path)) {
      const read = project.configInEditor(path, undefined);
      // What was shown on it goes, unless the file on disk is read and gets its own problems below.
      if (!read || !fs.existsSync(path)) this.send(uri, []);
      this.publishConfigProblems(project);
      if (read) this.revalidateProject(project);
      return;
    }
    // A file of the workspace keeps its findings (from the text on disk); a loose file's go away.
    if (project !== this.fallback && path && fs.existsSync(path)) {
      this.loadFromDisk(project, uri, path);
      this.publish(project, uri);
      project.workspace.compact(uri);
      this.scheduleDependants(project);
    } else {
      if (project.workspace.remove(uri)) this.scheduleDependants(project);
      this.clear(uri);
    }
  }

  // --- config file ----------------------------------------------------------------------------

  /**
   * A `.daytwo.yaml` open in the editor: the root's is read from the editor's text, saved or not (a
   * new one included), and the project re-checked. Any other is not read, and says so: reading it as
   * the root's would change the whole folder's config while it is open.
   */
  private validateConfig(uri: string, text: string) {
    const project = this.projectFor(uri);
    const file = uriToFsPath(uri);
    const notRead = project.configNotRead(file);
    if (notRead) {
      this.send(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: SOURCE, code: 'config', message: notRead }]);
      return;
    }
    project.configInEditor(file!, text);
    this.publishConfigProblems(project, uri);
    this.revalidateProject(project);
  }

  private publishConfigProblems(project: Project, uri?: string) {
    const target = uri ?? (project.configFile ? pathToFileURL(project.configFile).href : undefined);
    if (!target) return;
    const lines = new LineIndex(project.configText);
    const diagnostics: Diagnostic[] = project.configProblems.map((p) => ({
      range: lines.rangeOf(p.range),
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      message: p.message,
    }));
    this.send(target, diagnostics);
  }

  // --- workspace files ------------------------------------------------------------------------

  private onFileEvent(uri: string, type: FileChangeType) {
    const project = this.projectFor(uri);
    const path = uriToFsPath(uri);
    if (!path) return;
    if (isConfigFile(path)) {
      if (!this.documents.get(uri)) {
        project.reloadConfig();
        this.publishConfigProblems(project);
        if (type === FileChangeType.Deleted) this.send(uri, []);
      }
      this.revalidateProject(project);
      return;
    }
    if (this.documents.get(uri) || project === this.fallback) return; // the editor's text wins over disk
    if (type === FileChangeType.Deleted) {
      if (project.workspace.remove(uri)) this.scheduleDependants(project);
      this.clear(uri);
      return;
    }
    if (project.workspace.isIgnored(uri)) return;
    if (this.loadFromDisk(project, uri, path)) this.scheduleDependants(project);
    this.publish(project, uri);
    project.workspace.compact(uri);
  }

  private loadFromDisk(project: Project, uri: string, path: string): boolean {
    const r = readBounded(path, project.workspace.configuration.limits.maxFileSize);
    if (r.text !== undefined) return project.workspace.update(uri, r.text);
    if (!r.error) return project.workspace.updateOversize(uri, r.size);
    // Deleted or unreadable between listing and reading: forget it.
    const changed = project.workspace.remove(uri);
    this.clear(uri);
    return changed;
  }

  /** Reads every YAML file of every folder in batches, yielding between them, then publishes. */
  async scanAll(force: boolean): Promise<void> {
    const generation = ++this.scanGeneration;
    const projects = this.projects.filter((p) => force || !p.scanned);
    if (!projects.length || !this.settings.enabled) return;
    let progress: WorkDoneProgressServerReporter | undefined;
    if (this.hasProgressCapability) {
      try {
        progress = await this.connection.window.createWorkDoneProgress();
        progress.begin('Daytwo', 0, 'Scanning manifests…', false);
      } catch {
        progress = undefined;
      }
    }
    try {
      for (const project of projects) {
        project.scanning = true;
        const { files } = listFiles([project.root!]);
        const todo = files.filter((f) => !isConfigFile(f));
        let done = 0;
        const notify = (state: StatusParams['state']) => void this.connection.sendNotification(STATUS_NOTIFICATION, { state, files: done, total: todo.length } satisfies StatusParams);
        notify('scanning');
        // Work in time slices and yield between them, so an open file's diagnostics (and any request)
        // wait at most one slice, however large the files of the workspace are.
        let slice = performance.now();
        const heap = new HeapKeeper();
        const yieldIfDue = async (report: () => void) => {
          if (performance.now() - slice < SCAN_SLICE_MS) return;
          heap.step();
          report();
          await new Promise((r) => setImmediate(r));
          slice = performance.now();
        };
        for (const file of todo) {
          if (generation !== this.scanGeneration) return;
          const uri = pathToFileURL(file).href;
          done++;
          if (!this.documents.get(uri) && !project.workspace.isIgnored(uri)) {
            this.guard('scan', () => this.loadFromDisk(project, uri, file), false)();
            // Local findings now, while the AST is at hand; then drop it, so a large workspace is never
            // held in memory as ASTs all at once (cross-resource checks read plain values).
            this.guard('scan', () => {
              project.workspace.prepare(uri);
              project.workspace.compact(uri);
            }, undefined)();
          }
          await yieldIfDue(() => progress?.report(Math.round((50 * done) / Math.max(1, todo.length)), `${done}/${todo.length} files read`));
        }
        // Publish in slices too, so requests for open files are answered in between.
        const uris = project.workspace.uris();
        let published = 0;
        for (const uri of uris) {
          if (generation !== this.scanGeneration) return;
          this.guard('publish', () => this.publish(project, uri), undefined)();
          if (!this.documents.get(uri)) project.workspace.compact(uri);
          published++;
          await yieldIfDue(() => progress?.report(50 + Math.round((50 * published) / Math.max(1, uris.length)), 'Checking…'));
        }
        this.publishConfigProblems(project);
        project.scanning = false;
        project.scanned = true;
        heap.finish();
        notify('ready');
      }
    } finally {
      progress?.done();
    }
  }

  private scheduleDependants(project: Project) {
    this.dirtyProjects.add(project);
    if (this.dependantsTimer) return;
    this.dependantsTimer = setTimeout(() => {
      this.dependantsTimer = undefined;
      const dirty = [...this.dirtyProjects];
      this.dirtyProjects.clear();
      for (const p of dirty) void this.recheckDependants(p);
    }, DEPENDANTS_DEBOUNCE_MS);
  }

  private recheckGeneration = new Map<Project, number>();

  /**
   * After the index changed: re-publishes only the files whose findings may have changed (a cross-
   * resource rule of theirs read a kind that changed), in batches that yield to requests, and gives
   * up when a newer change starts another pass.
   */
  private async recheckDependants(project: Project) {
    const generation = (this.recheckGeneration.get(project) ?? 0) + 1;
    this.recheckGeneration.set(project, generation);
    const uris = project.workspace.uris();
    for (let i = 0; i < uris.length; i += RECHECK_BATCH) {
      if (this.recheckGeneration.get(project) !== generation) return;
      for (const uri of uris.slice(i, i + RECHECK_BATCH)) {
        if (!project.workspace.needsRecheck(uri)) continue;
        const doc = this.documents.get(uri);
        this.guard('publish', () => this.publish(project, uri), undefined)();
        if (!doc) project.workspace.compact(uri);
      }
      if (i + RECHECK_BATCH < uris.length) await new Promise((r) => setImmediate(r));
    }
  }

  /** Re-publishes every file of a project; unchanged diagnostics are not re-sent. */
  private revalidateProject(project: Project) {
    for (const uri of project.workspace.uris()) {
      const doc = this.documents.get(uri);
      if (doc) project.workspace.update(uri, doc.getText(), doc.version);
      this.guard('publish', () => this.publish(project, uri), undefined)();
      if (!doc) project.workspace.compact(uri);
    }
  }

  private revalidateAll() {
    for (const p of [...this.projects, this.fallback]) this.revalidateProject(p);
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  /**
   * Publishes a file's diagnostics, labelled with the version of the text they were computed from.
   * An open document whose newest edit the engine has not seen yet is skipped: its pending
   * validation publishes, so diagnostics never belong to a stale version.
   */
  private publish(project: Project, uri: string) {
    if (!this.settings.enabled) return this.clear(uri);
    const state = project.workspace.get(uri);
    const doc = this.documents.get(uri);
    if (doc && state && state.version !== doc.version) return;
    const result = project.workspace.analyze(uri);
    if (doc && result) {
      // The editor already shows this analysis of this version (the workspace scan and the settings'
      // first answer each re-publish the open files at start): sending 377 KB again for the
      // 10,700-line file kept the server from writing the first copy out while it made the next.
      const sent = this.sentOpen.get(uri);
      if (sent?.version === doc.version && sent.findings === result.findings) return;
      this.sentOpen.set(uri, { version: doc.version, findings: result.findings });
    } else this.sentOpen.delete(uri);
    if (result) this.send(uri, this.diagnostics.shown(result, !!doc), doc?.version);
  }

  /**
   * Gives the engine an open document's text. Its line index and the change since the engine last had
   * it go along: the engine neither indexes the text again nor reads it whole.
   */
  private updateOpen(project: Project, doc: EditorDocument): boolean {
    return project.workspace.update(doc.uri, doc.getText(), doc.version, doc.lines, doc.takeEdit());
  }

  /** Current diagnostics of a document (pull requests), analysed from the editor's text when it is open. */
  private diagnosticsFor(uri: string): Diagnostic[] {
    const doc = this.documents.get(uri);
    const project = this.projectFor(uri);
    if (doc && this.updateOpen(project, doc)) this.scheduleDependants(project);
    const result = this.settings.enabled ? project.workspace.analyze(uri) : undefined;
    return result ? this.diagnostics.shown(result, !!doc) : [];
  }

  private send(uri: string, diagnostics: Diagnostic[], version?: number) {
    if (version !== undefined) {
      // An open document's diagnostics are labelled with its version, which each keystroke changes:
      // they are sent every time, and comparing would only serialise them twice on the keystroke path.
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics, version });
      return;
    }
    // A fingerprint, not the JSON itself: a 10,000-file workspace would otherwise keep every diagnostic twice.
    const key = fingerprint(JSON.stringify(diagnostics));
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    void this.connection.sendDiagnostics({ uri, diagnostics, version });
  }

  private clear(uri: string) {
    this.send(uri, []);
    this.published.delete(uri);
    this.sentOpen.delete(uri);
    this.diagnostics.forget(uri);
  }
}

