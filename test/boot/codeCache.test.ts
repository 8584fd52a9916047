import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, requireCached } from '../../server/src/boot/codeCache';
import { tempDir } from '../tempDir';

const BOOT = path.resolve(__dirname, '../../server/src/boot/codeCache.js');

/** A program as the build lays it out: a loader next to its bundle (with a hashbang, as the CLI's has). */
function program(dir: string, body: string): string {
  fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = (x) => x * 2;\n');
  fs.writeFileSync(path.join(dir, 'app-core.js'), `#!/usr/bin/env node\n${body}\n`);
  const loader = path.join(dir, 'app.js');
  fs.writeFileSync(loader, `require(${JSON.stringify(BOOT)}).boot(require('path').join(__dirname, 'app-core.js'), module);\n`);
  return loader;
}

const run = (loader: string, cacheDir: string) =>
  execFileSync(process.execPath, [loader, 'arg1'], { env: { ...process.env, DAYTWO_CODE_CACHE: cacheDir }, encoding: 'utf8' });

test('a bundle started through the code cache runs as its own program: require, module, __dirname, argv, require.main', () => {
  const dir = tempDir('daytwo-boot-');
  const cache = path.join(dir, 'cache');
  const loader = program(dir, `
    const double = require('./helper');
    const os = require('node:os');
    module.exports.ok = true;
    console.log(JSON.stringify({ double: double(21), main: require.main === module, dir: __dirname, file: __filename, arg: process.argv[2], os: typeof os.tmpdir, exported: module.exports.ok }));`);
  const first = JSON.parse(run(loader, cache));
  assert.deepEqual(first, { double: 42, main: true, dir, file: path.join(dir, 'app-core.js'), arg: 'arg1', os: 'function', exported: true });
  // The first run wrote the cache; the second reads it and gives the same result.
  const files = fs.readdirSync(cache);
  assert.equal(files.length, 1);
  assert.match(files[0], /^app-core-[0-9a-f]{16}-node.+\.v8$/);
  const written = fs.statSync(path.join(cache, files[0])).mtimeMs;
  assert.deepEqual(JSON.parse(run(loader, cache)), first);
  assert.equal(fs.statSync(path.join(cache, files[0])).mtimeMs, written, 'an accepted cache is not written again');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a damaged cache file is rejected by V8, the program still runs, and the cache is rewritten', () => {
  const dir = tempDir('daytwo-boot-');
  const cache = path.join(dir, 'cache');
  const loader = program(dir, `console.log(require('./helper')(2));`);
  assert.equal(run(loader, cache).trim(), '4');
  const file = path.join(cache, fs.readdirSync(cache)[0]);
  const good = fs.readFileSync(file);
  fs.writeFileSync(file, Buffer.from('not V8 bytecode at all'));
  assert.equal(run(loader, cache).trim(), '4');
  assert.equal(fs.readFileSync(file).length, good.length, 'rewritten whole');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a bundle that is not the program (required by another module) does not see itself as require.main', () => {
  const dir = tempDir('daytwo-boot-');
  const loader = program(dir, `console.log(require.main === module ? 'main' : 'library');`);
  const outer = path.join(dir, 'outer.js');
  fs.writeFileSync(outer, `require(${JSON.stringify(loader)});\n`);
  assert.equal(execFileSync(process.execPath, [outer], { env: { ...process.env, DAYTWO_CODE_CACHE: path.join(dir, 'cache') }, encoding: 'utf8' }).trim(), 'library');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('cache file names follow the source; caching can be turned off; a directory others may write to is not used', (t) => {
  const dir = tempDir('daytwo-boot-');
  const saved = process.env.DAYTWO_CODE_CACHE;
  t.after(() => {
    if (saved === undefined) delete process.env.DAYTWO_CODE_CACHE;
    else process.env.DAYTWO_CODE_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  process.env.DAYTWO_CODE_CACHE = path.join(dir, 'cache');
  const a = cacheFileFor('/x/server-core.js', 'one');
  assert.ok(a?.startsWith(path.join(dir, 'cache', 'server-core-')));
  assert.equal(cacheFileFor('/x/server-core.js', 'one'), a);
  assert.notEqual(cacheFileFor('/x/server-core.js', 'two'), a, 'another build, another file');
  process.env.DAYTWO_CODE_CACHE = 'off';
  assert.equal(cacheFileFor('/x/server-core.js', 'one'), undefined);
  if (typeof process.getuid === 'function') {
    const open = path.join(dir, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    process.env.DAYTWO_CODE_CACHE = open;
    assert.equal(cacheFileFor('/x/server-core.js', 'one'), undefined);
  }
});

test('requireCached loads a CommonJS module once, with its own require, and caches its bytecode', (t) => {
  const dir = tempDir('daytwo-boot-');
  const saved = process.env.DAYTWO_CODE_CACHE;
  process.env.DAYTWO_CODE_CACHE = path.join(dir, 'cache');
  t.after(() => {
    if (saved === undefined) delete process.env.DAYTWO_CODE_CACHE;
    else process.env.DAYTWO_CODE_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = 20;\n');
  const file = path.join(dir, 'factory.js');
  fs.writeFileSync(file, 'let calls = 0;\nmodule.exports = (x) => x + require("./helper") + ++calls;\n');
  const factory = requireCached(file) as (x: number) => number;
  assert.equal(factory(1), 22);
  assert.equal(requireCached(file), factory, 'loaded once');
  // The cache is written at exit (or after a while): a fresh process loading the module writes it.
  const out = execFileSync(process.execPath, ['-e', `const { requireCached } = require(${JSON.stringify(BOOT)}); console.log(requireCached(${JSON.stringify(file)})(0));`], { env: { ...process.env }, encoding: 'utf8' });
  assert.equal(out.trim(), '21');
  assert.equal(fs.readdirSync(path.join(dir, 'cache')).filter((f) => f.startsWith('factory-')).length, 1, 'its cache file was written by the process that compiled it');
});

test('many cached modules in one process: one exit listener, no warning on stderr', () => {
  const dir = tempDir('daytwo-boot-');
  for (let i = 0; i < 15; i++) fs.writeFileSync(path.join(dir, `m${i}.js`), `module.exports = ${i};\n`);
  const script = `const { requireCached } = require(${JSON.stringify(BOOT)}); let n = 0; for (let i = 0; i < 15; i++) n += requireCached(require('path').join(${JSON.stringify(dir)}, 'm' + i + '.js')); console.log(n, process.listenerCount('exit'));`;
  const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, DAYTWO_CODE_CACHE: path.join(dir, 'cache') }, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), '105 1');
  assert.equal(fs.readdirSync(path.join(dir, 'cache')).length, 15);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the caches of older builds of a script are pruned, the newest three kept, other scripts untouched', () => {
  const dir = tempDir('daytwo-boot-');
  const cache = path.join(dir, 'cache');
  fs.mkdirSync(cache, { mode: 0o700 });
  const node = `node${process.version}-${process.arch}.v8`;
  const old = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc', 'dddddddddddddddd'].map((h, i) => {
    const f = path.join(cache, `app-core-${h}-${node}`);
    fs.writeFileSync(f, 'old');
    fs.utimesSync(f, new Date(2020, 0, i + 1), new Date(2020, 0, i + 1));
    return f;
  });
  const other = path.join(cache, `other-core-eeeeeeeeeeeeeeee-${node}`);
  fs.writeFileSync(other, 'other');
  fs.utimesSync(other, new Date(2019, 0, 1), new Date(2019, 0, 1));
  const loader = program(dir, `console.log('ran');`);
  assert.equal(run(loader, cache).trim(), 'ran');
  const left = fs.readdirSync(cache).sort();
  assert.equal(left.filter((f) => f.startsWith('app-core-')).length, 3, 'the new cache and the two newest old ones');
  assert.ok(!fs.existsSync(old[0]) && !fs.existsSync(old[1]), 'the oldest builds are gone');
  assert.ok(fs.existsSync(old[3]) && fs.existsSync(old[2]));
  assert.ok(fs.existsSync(other), 'another script keeps its cache');
  fs.rmSync(dir, { recursive: true, force: true });
});
