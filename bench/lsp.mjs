// A minimal LSP client over stdio for the benchmark: requests with ids, answers to the server's own
// requests, and waiting for notifications by predicate. Messages are read with vscode-jsonrpc's
// StreamMessageReader, the reader VS Code's language client uses, so the client's own cost of
// receiving a large message is what an editor's is.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import languageServer from 'vscode-languageserver/node';

const { StreamMessageReader } = languageServer;

export class Lsp {
  /**
   * @param {string[]} argv   node arguments (script and its flags)
   * @param {{ configuration?: (item: any) => unknown, onNotification?: (method: string, params: any, t: number) => void }} [opts]
   */
  constructor(argv, opts = {}) {
    this.t0 = performance.now();
    this.proc = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.stderr = '';
    this.opts = opts;
    this.reader = new StreamMessageReader(this.proc.stdout);
    this.reader.listen((msg) => this.dispatch(msg, performance.now()));
    // A frame the reader cannot parse fails the run, as a crash of the server does.
    this.reader.onError((e) => this.fail(new Error(`unreadable message from the server: ${e.message}`)));
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 20000) this.stderr += d.toString();
    });
    this.proc.on('exit', (code) => this.fail(new Error(`server exited (${code}); stderr: ${this.stderr.slice(-2000)}`)));
  }

  /** Rejects everything waiting on the server. */
  fail(err) {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiters = [];
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  get pid() {
    return this.proc.pid;
  }

  /** Resident set size of the server process in bytes (Linux). */
  rss() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  }

  dispatch(msg, t) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      // A request from the server.
      let result = null;
      if (msg.method === 'workspace/configuration') result = (msg.params.items ?? []).map((item) => this.opts.configuration?.(item) ?? null);
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    this.opts.onNotification?.(msg.method, msg.params, t);
    const still = [];
    for (const w of this.waiters) {
      if (w.method === msg.method && w.pred(msg.params)) {
        clearTimeout(w.timer);
        w.resolve({ params: msg.params, t });
      } else still.push(w);
    }
    this.waiters = still;
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with { params, t } for the next notification matching `pred` (registered before the trigger). */
  waitFor(method, pred = () => true, timeoutMs = 600000) {
    return new Promise((resolve, reject) => {
      const w = { method, pred, resolve, reject };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${method}; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  async initialize(rootUri, { capabilities = {}, initializationOptions } = {}) {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        textDocument: { synchronization: { didSave: false }, publishDiagnostics: { versionSupport: true } },
        workspace: { workspaceFolders: true, configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        window: { workDoneProgress: true },
        ...capabilities,
      },
      initializationOptions,
    });
    this.notify('initialized', {});
    return res;
  }

  async shutdown() {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    await new Promise((r) => {
      if (this.proc.exitCode !== null) return r();
      const t = setTimeout(() => {
        this.proc.kill();
        r();
      }, 5000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
}
