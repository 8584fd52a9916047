/**
 * Starts a bundle (dist/<name>-core.js), and loads the precompiled schema validators, through a V8
 * code cache. Node compiles a script from its source on every start; with the bytecode V8 produced
 * at an earlier start (including the functions that start compiled lazily) the server's and the
 * CLI's start skip most of that work. The cache is only an accelerator: any problem with it
 * (missing, stale, rejected, unwritable) means a normal compile, never a failure.
 *
 * Where: DAYTWO_CODE_CACHE=<dir>, or a per-user directory in the system's temp directory (as Node's
 * own compile cache and v8-compile-cache do); DAYTWO_CODE_CACHE=off disables it. A cache file is
 * named by the source's hash, Node's version and the architecture, so a new build or another Node
 * never reads an old one; V8 itself rejects data made with other flags.
 */

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** A process running this long (the language server) writes its caches then, after its first analyses; others at exit. */
const SAVE_AFTER_MS = 10_000;

interface InternalModule {
  filename: string;
  paths: string[];
  exports: unknown;
  loaded: boolean;
  require(id: string): unknown;
}
const ModuleClass = Module as unknown as {
  new (id: string, parent?: unknown): InternalModule;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: unknown): string;
  _cache: Record<string, unknown>;
};

/** Runs the bundle `file` as the program started by `loader` (dist/server.js, cli.js, worker.js). */
export function boot(file: string, loader: NodeJS.Module): void {
  // The bundle is the program when its loader is: `require.main === module` keeps its meaning.
  runCached(file, loader, require.main === loader);
}

/**
 * `require` of a CommonJS file through the code cache, for large generated modules loaded at run
 * time (the precompiled schema validators: ~30 modules, 2 MB, for a typical workspace).
 */
export function requireCached(file: string): unknown {
  const loaded = requireCache.get(file);
  if (loaded) return loaded.exports;
  return runCached(file, undefined, false).exports;
}
const requireCache = new Map<string, InternalModule>();

function runCached(file: string, parent: NodeJS.Module | undefined, isMain: boolean): InternalModule {
  // Hashed as bytes: hashing the decoded string would encode it back to UTF-8 first.
  const bytes = fs.readFileSync(file);
  const cacheFile = cacheFileFor(file, bytes);
  // A hashbang is only valid at the very start of a script, not inside Node's function wrapper.
  const source = bytes.toString('utf8').replace(/^#!.*/, '');
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  const script = new vm.Script(ModuleClass.wrap(source), { filename: file, cachedData });
  const m = new ModuleClass(file, parent);
  m.filename = file;
  m.paths = ModuleClass._nodeModulePaths(path.dirname(file));
  const req = Object.assign((id: string) => m.require(id), {
    resolve: (request: string) => ModuleClass._resolveFilename(request, m),
    main: isMain ? m : require.main,
    cache: ModuleClass._cache,
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) scheduleSave(script, cacheFile);
  requireCache.set(file, m);
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(m.exports, m.exports, req, m, file, path.dirname(file));
  } catch (e) {
    requireCache.delete(file);
    throw e;
  }
  m.loaded = true;
  return m;
}

/**
 * Writes the caches of the scripts run without one: at exit, or after SAVE_AFTER_MS in a long-running
 * process (the language server), so that they hold the functions its first analyses compiled. One
 * exit listener and one timer for all of them.
 */
const unsaved = new Map<string, vm.Script>();
function scheduleSave(script: vm.Script, cacheFile: string): void {
  if (!unsaved.size) {
    process.once('exit', saveAll);
    setTimeout(saveAll, SAVE_AFTER_MS).unref();
  }
  unsaved.set(cacheFile, script);
}

function saveAll(): void {
  for (const [cacheFile, script] of unsaved) {
    try {
      // Written whole under another name, then renamed: a process starting meanwhile never reads half a file.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
      pruneOlderBuilds(cacheFile);
    } catch {
      // an accelerator only
    }
  }
  unsaved.clear();
  process.removeListener('exit', saveAll);
}

/** How many builds of one script keep their cache: a user may alternate between two (the extension and a CLI). */
const KEEP_BUILDS = 3;

/** Deletes the caches of older builds of the same script (each update of Daytwo makes new ones). */
function pruneOlderBuilds(cacheFile: string): void {
  const dir = path.dirname(cacheFile);
  const script = scriptOf(path.basename(cacheFile));
  const siblings = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.v8') && scriptOf(f) === script)
    .map((f) => ({ file: path.join(dir, f), mtime: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of siblings.slice(KEEP_BUILDS)) fs.rmSync(old.file, { force: true });
}

/** `apps.v1.Deployment-<hash>-node<version>-<arch>.v8` -> `apps.v1.Deployment-node<version>-<arch>`. */
function scriptOf(cacheName: string): string {
  return cacheName.replace(/-[0-9a-f]{16}-/, '-');
}

/** The cache directory, checked once per process and setting; undefined when off or not safe to use. */
let checkedDir: { setting: string | undefined; dir: string | undefined } | undefined;
function cacheDir(): string | undefined {
  const setting = process.env.DAYTWO_CODE_CACHE;
  if (checkedDir && checkedDir.setting === setting) return checkedDir.dir;
  const checked: { setting: string | undefined; dir: string | undefined } = { setting, dir: undefined };
  checkedDir = checked;
  if (setting === 'off' || setting === '0') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = setting || path.join(os.tmpdir(), `daytwo-code-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Bytecode is code: never use a directory that someone else owns or may write to.
    const st = fs.statSync(dir);
    if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return undefined;
  } catch {
    return undefined;
  }
  checked.dir = dir;
  return dir;
}

/** The cache file for this source, or undefined when caching is off or the directory is not safe to use. */
export function cacheFileFor(file: string, source: string | Buffer): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const hash = crypto.createHash('sha1').update(source).digest('hex').slice(0, 16);
  return path.join(dir, `${path.basename(file, '.js')}-${hash}-node${process.version}-${process.arch}.v8`);
}
