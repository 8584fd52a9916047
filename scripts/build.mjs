// Two esbuild contexts, as vscode-eslint does: the client runs inside VS Code (so `vscode` is
// external), the server and the CLI are self-contained node programs with every dependency bundled
// (plus a third for their start-up loaders).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  loader: { '.json': 'json' },
};

/**
 * vscode-languageserver requires node:child_process when it loads, to find global npm and yarn
 * folders, which Daytwo never asks for: ~6 ms of every server start. Such built-ins get a stand-in
 * that requires the real module on first use.
 */
const LAZY_BUILTINS = ['child_process'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(${LAZY_BUILTINS.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.importer.includes(`${path.sep}node_modules${path.sep}`) ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});
`,
    }));
  },
};

const contexts = await Promise.all([
  esbuild.context({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.context({
    ...common,
    entryPoints: { 'server-core': 'server/src/lsp/main.ts', 'cli-core': 'server/src/cli/main.ts', 'worker-core': 'server/src/cli/worker.ts' },
    outdir: 'dist',
    plugins: [lazyBuiltins],
  }),
  // dist/server.js, cli.js and worker.js: small loaders that run the bundles above through a V8 code
  // cache (server/src/boot/codeCache.ts), so a start does not compile 1.5 MB of JavaScript again.
  esbuild.context({
    ...common,
    entryPoints: { server: 'server/src/boot/server.ts', cli: 'server/src/boot/cli.ts', worker: 'server/src/boot/worker.ts' },
    outdir: 'dist',
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build started');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  assertAscii(['server-core.js', 'cli-core.js', 'worker-core.js']);
}

/**
 * The server and CLI bundles must stay ASCII: a single other character (esbuild keeps them in regular
 * expressions) makes V8 hold the whole source as a two-byte string, which every start then reads,
 * hashes and compiles more slowly. Write such characters as \u escapes.
 */
function assertAscii(bundles) {
  for (const name of bundles) {
    const bytes = fs.readFileSync(path.join('dist', name));
    const at = bytes.findIndex((b) => b > 0x7f);
    if (at === -1) continue;
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    throw new Error(`dist/${name}:${line}: a non-ASCII character in the bundle (${JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 4).toString('utf8'))}); write it as a \\u escape in the source`);
  }
}

// Built-in kinds' schema validators, precompiled to dist/k8s-validators/ (see
// server/src/schema/precompile.ts); skipped when schema.json and the generator are unchanged.
await precompileValidators();

async function precompileValidators() {
  const started = Date.now();
  const tmp = path.join('node_modules', '.cache', 'daytwo', 'precompile.js');
  await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['server/src/schema/precompile.ts'], outfile: tmp });
  const require = createRequire(import.meta.url);
  const { precompileValidators: run, stampOf } = require(path.resolve(tmp));
  // Minified: a third smaller, and parsed faster (the banner comment is kept as a legal comment).
  const minify = (code) => esbuild.transformSync(code, { minify: true, legalComments: 'inline', target: 'node20' }).code;
  const r = run(path.join('dist', 'k8s-validators'), { stamp: stampOf(tmp), minify });
  if (!r.skipped) console.log(`dist/k8s-validators: ${r.files} files, ${(r.bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
}
