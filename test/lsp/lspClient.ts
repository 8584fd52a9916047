/**
 * A small LSP client over real stdio for tests: spawns `node dist/server.js --stdio`, frames JSON-RPC
 * with Content-Length headers, and lets tests wait for notifications by predicate (never by sleeping).
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SERVER_JS = path.resolve(__dirname, '../../../dist/server.js');

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    source?: string;
    message: string;
    data?: unknown;
    codeDescription?: { href: string };
  }[];
}

type Waiter = { method: string; pred: (p: any) => boolean; resolve: (p: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private waiters: Waiter[] = [];
  /** Every notification received, in order. */
  readonly notifications: { method: string; params: any }[] = [];
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  stderr = '';
  exited = false;
  /** Answers to server->client requests (workspace/configuration etc.). */
  onServerRequest: (method: string, params: any) => unknown = (method, params) => {
    if (method === 'workspace/configuration') return (params.items ?? []).map(() => ({}));
    return null;
  };

  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env) {
    this.proc = spawn(process.execPath, [SERVER_JS, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.on('exit', () => {
      this.exited = true;
      for (const w of this.waiters) w.reject(new Error(`server exited while waiting for ${w.method}; stderr: ${this.stderr}`));
      this.waiters = [];
      for (const p of this.pending.values()) p.reject(new Error(`server exited; stderr: ${this.stderr}`));
      this.pending.clear();
    });
  }

  private onData(d: Buffer) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, headerEnd).toString());
      if (!m) throw new Error('bad header');
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.onMessage(JSON.parse(body));
    }
  }

  private onMessage(msg: any) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined && msg.method) {
      let result: unknown = null;
      try {
        result = this.onServerRequest(msg.method, msg.params);
      } catch {
        result = null;
      }
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    this.notifications.push({ method: msg.method, params: msg.params });
    if (msg.method === 'textDocument/publishDiagnostics') this.diagnostics.set(msg.params.uri, msg.params);
    for (const w of [...this.waiters]) {
      if (w.method === msg.method && w.pred(msg.params)) {
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(msg.params);
      }
    }
  }

  private write(msg: unknown) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /**
   * Resolves with the first notification of `method` matching `pred`, including one already received
   * when `includePast` is set. The timeout is a hang guard for CI, not a timing assertion.
   */
  waitFor<T = any>(method: string, pred: (p: T) => boolean = () => true, opts: { includePast?: boolean; timeoutMs?: number } = {}): Promise<T> {
    if (opts.includePast) {
      const past = this.notifications.find((n) => n.method === method && pred(n.params));
      if (past) return Promise.resolve(past.params);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`timed out waiting for ${method}; stderr: ${this.stderr.slice(-2000)}`));
      }, opts.timeoutMs ?? 30_000);
      this.waiters.push({ method, pred, resolve, reject, timer });
    });
  }

  /** Waits for diagnostics of `uri` (optionally of a given document version) satisfying `pred`. */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, opts: { version?: number; timeoutMs?: number } = {}): Promise<PublishDiagnosticsParams> {
    const match = (p: PublishDiagnosticsParams) => p.uri === uri && (opts.version === undefined || p.version === opts.version) && pred(p);
    const latest = this.diagnostics.get(uri);
    if (latest && match(latest)) return Promise.resolve(latest);
    return this.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', match, { timeoutMs: opts.timeoutMs });
  }

  async initialize(rootPath?: string, capabilities: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<any> {
    const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootPath ? [{ uri: rootUri, name: path.basename(rootPath) }] : null,
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } }, ...capabilities },
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change is valid under incremental sync). */
  change(uri: string, text: string, version: number): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}
