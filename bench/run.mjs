// `npm run bench`: Daytwo against yaml-language-server 2.0.0 (with a Kubernetes schema from the same
// OpenAPI spec) and against the floor of single-threaded `yaml` parsing, in one run, on corpora
// generated deterministically under bench/corpus/. Prints a table of absolute numbers and the ratios
// the targets are stated in; writes bench/results/latest.json and bench/results/latest.md.
//
//   npm run bench                  everything (about 5 minutes on 2 cores)
//   node bench/run.mjs --quick     fewer edits and no 10,000-app folder (for a fast look)

import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './corpus.mjs';
import { writeSchema } from './k8s-schema.mjs';
import { Lsp } from './lsp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
const EDITS = quick ? 6 : 20;
/** `--only=editor,cli,index` runs a subset (the table then shows what was measured). */
const only = new Set((process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 'editor,cli,index').split(','));
const REOPENS = 3;
const SERVER = path.join(repo, 'dist/server.js');
const CLI = path.join(repo, 'dist/cli.js');
const YLS = path.join(repo, 'node_modules/yaml-language-server/bin/yaml-language-server');
const DIAG = 'textDocument/publishDiagnostics';

const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => percentile(xs, 50);
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  // Nearest rank: p95 of 20 samples is the 19th.
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

// --- the two editors ------------------------------------------------------------------------------

const schemaFile = path.join(here, 'corpus', 'k8s.schema.json');
const schemaUri = () => pathToFileURL(schemaFile).href;
const yamlSettings = () => ({
  validate: true,
  hover: false,
  completion: false,
  format: { enable: false },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  schemas: { [schemaUri()]: ['*.yaml', '*.yml'] },
});

const SCHEMA_ERROR = /Incorrect type/;
const countSchemaErrors = (p) => p.diagnostics.filter((d) => SCHEMA_ERROR.test(d.message)).length;

const EDITORS = {
  daytwo: {
    argv: () => [SERVER, '--stdio'],
    configuration: (item) => (item.section === 'daytwo' ? {} : null),
    afterInit: () => {},
    /** Daytwo publishes with the document version: wait for exactly that version. */
    done: (uri, version) => (p) => p.uri === uri && p.version === version,
  },
  'yaml-language-server': {
    argv: () => [YLS, '--stdio'],
    configuration: (item) => (item.section === 'yaml' ? yamlSettings() : item.section ? null : { yaml: yamlSettings() }),
    afterInit: (ls) => ls.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings() } }),
    /** yaml-language-server does not send versions: wait for the schema errors the text has. */
    done: (uri, _version, expectedErrors) => (p) => p.uri === uri && countSchemaErrors(p) === expectedErrors,
  },
};

/** Lines `  replicas: N` of Deployments/StatefulSets, spread over the file, for the edit loop. */
function editSites(text, n) {
  const sites = [];
  const re = /^ {2}replicas: (\d+)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) sites.push({ offset: m.index + '  replicas: '.length, value: m[1] });
  const step = Math.max(1, Math.floor(sites.length / n));
  const out = [];
  for (let i = Math.floor(step / 2); i < sites.length && out.length < n; i += step) out.push(sites[i]);
  return out;
}

function position(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

/** Starts a server, opens a file, waits for its diagnostics and shuts the server down. */
async function warmUp(name, file) {
  const e = EDITORS[name];
  const uri = pathToFileURL(file).href;
  const ls = new Lsp(e.argv(), { configuration: e.configuration });
  await ls.initialize(pathToFileURL(path.dirname(file)).href);
  e.afterInit(ls);
  const w = ls.waitFor(DIAG, e.done(uri, 1, 1));
  ls.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
  await w;
  await ls.shutdown();
}

/**
 * One editor, one file: server start -> first diagnostics (the file opened right after `initialized`,
 * as an editor restoring a session does), re-open -> diagnostics (median of REOPENS), then EDITS edits
 * (each introduces or removes a schema error: `replicas: 3` <-> `replicas: three`) -> diagnostics.
 */
async function editorRun(name, file) {
  const e = EDITORS[name];
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const baseErrors = 1; // the corpus has one `replicas: three`
  const t0 = performance.now();
  const ls = new Lsp(e.argv(), { configuration: e.configuration });
  await ls.initialize(pathToFileURL(path.dirname(file)).href);
  e.afterInit(ls);
  let version = 1;
  let w = ls.waitFor(DIAG, e.done(uri, version, baseErrors));
  ls.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  let r = await w;
  const start = r.t - t0;
  const validated = countSchemaErrors(r.params);

  const opens = [];
  for (let i = 0; i < REOPENS; i++) {
    ls.notify('textDocument/didClose', { textDocument: { uri } });
    await new Promise((res) => setTimeout(res, 300));
    version++;
    w = ls.waitFor(DIAG, e.done(uri, version, baseErrors));
    const t = performance.now();
    ls.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    r = await w;
    opens.push(r.t - t);
  }

  const edits = await editLoop(ls, e, uri, text, version, baseErrors);
  await ls.shutdown();
  return { start, open: median(opens), opens, editP50: median(edits), editP95: percentile(edits, 95), edits, schemaErrorsOnOpen: validated };
}

/**
 * EDITS edits of an open file (`text` at `version`, with `errors` schema errors), each introducing or
 * removing a schema error at sites spread over it (`replicas: 3` <-> `replicas: three`): the times
 * from each change to its diagnostics.
 */
async function editLoop(ls, e, uri, text, version, errors) {
  const edits = [];
  const sites = editSites(text, Math.ceil(EDITS / 2));
  for (let i = 0; i < EDITS; i++) {
    const site = sites[Math.floor(i / 2) % sites.length];
    const broken = i % 2 === 0;
    const from = broken ? site.value : 'three';
    const to = broken ? 'three' : site.value;
    const range = { start: position(text, site.offset), end: position(text, site.offset + from.length) };
    text = text.slice(0, site.offset) + to + text.slice(site.offset + from.length);
    errors += broken ? 1 : -1;
    version++;
    const w = ls.waitFor(DIAG, e.done(uri, version, errors));
    const t = performance.now();
    ls.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: to }] });
    const r = await w;
    edits.push(r.t - t);
    // Typing pauses: a person does not edit twice in the same millisecond, and debounces must settle.
    await new Promise((res) => setTimeout(res, 50));
  }
  return edits;
}

/**
 * Daytwo indexing a folder: initialize -> `daytwo/status` ready; RSS once settled; an open file
 * answered mid-scan, then edited as in the editor runs (what a keystroke costs with the whole folder indexed).
 */
async function indexRun(dir) {
  const t0 = performance.now();
  let published = 0;
  const ls = new Lsp([SERVER, '--stdio'], {
    configuration: () => ({}),
    onNotification: (m) => {
      if (m === DIAG) published++;
    },
  });
  const ready = ls.waitFor('daytwo/status', (p) => p.state === 'ready');
  await ls.initialize(pathToFileURL(dir).href);
  const tInit = performance.now();
  // Open one file of the folder while the scan runs: its diagnostics must not wait for the scan.
  const probe = firstYaml(dir, 7);
  const probeUri = pathToFileURL(probe).href;
  const probeText = fs.readFileSync(probe, 'utf8');
  await new Promise((res) => setTimeout(res, 300));
  const w = ls.waitFor(DIAG, (p) => p.uri === probeUri && p.version === 1);
  const tOpen = performance.now();
  ls.notify('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'yaml', version: 1, text: probeText } });
  const [r, done] = await Promise.all([w, ready]);
  const openDuringScan = r.t - tOpen;
  const scanFinishedFirst = done.t < r.t;
  const index = done.t - tInit;
  await new Promise((res) => setTimeout(res, 1500));
  const rss = ls.rss();
  const files = done.params.total;
  const edits = await editLoop(ls, EDITORS.daytwo, probeUri, probeText, 1, 0);
  await ls.shutdown();
  return { index, total: done.t - t0, files, rss, published, openDuringScan, scanFinishedFirst, probeLines: probeText.split('\n').length - 1, editP50: median(edits), editP95: percentile(edits, 95), edits };
}

function firstYaml(dir, nth) {
  const all = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (/\.ya?ml$/.test(e.name)) all.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return all[Math.min(nth, all.length - 1)];
}

// --- CLI and floor --------------------------------------------------------------------------------

function timed(argv, { firstOutput = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let tFirst;
    const chunks = [];
    const p = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d) => {
      tFirst ??= performance.now();
      chunks.push(d);
    });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0 && code !== 1) return reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
      resolve({ ms, first: firstOutput && tFirst !== undefined ? tFirst - t0 : undefined, out: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

async function cliRun(dir, measured) {
  const json = measured?.json ?? (await timed([CLI, 'scan', dir, '--format', 'json']));
  const summary = JSON.parse(json.out).summary;
  const text = await timed([CLI, 'scan', dir, '--format', 'text', '--no-color'], { firstOutput: true });
  const seq = await timed([CLI, 'scan', dir, '--format', 'text', '--no-color', '--jobs', '1']);
  // Worker threads forced (the default stays on one thread below 16 MB): same output, and their time.
  const jobs = String(Math.max(2, os.availableParallelism?.() ?? os.cpus().length));
  const par = await timed([CLI, 'scan', dir, '--format', 'text', '--no-color', '--jobs', jobs]);
  return { ms: json.ms, runs: measured?.runs, textMs: text.ms, firstOutput: text.first, sequentialMs: seq.ms, parallelMs: par.ms, jobs, findings: summary.findings, objects: summary.objects, files: summary.files, identical: seq.out === text.out && par.out === seq.out };
}

async function floorRun(target) {
  const r = await timed([path.join(here, 'floor.mjs'), target]);
  const j = JSON.parse(r.out);
  return { ms: j.ms, wall: r.ms, documents: j.documents };
}

/**
 * The CLI against the floor, RUNS times each, alternating, compared by their medians: one run of
 * each varies by ±15% on a shared machine, more than the difference being measured.
 */
const RUNS = 3;
async function cliAgainstFloor(dir) {
  const floors = [];
  const clis = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push(await floorRun(dir));
    clis.push(await timed([CLI, 'scan', dir, '--format', 'json']));
  }
  const mid = (runs, key) => runs.find((r) => r[key] === median(runs.map((x) => x[key])));
  const floor = { ...mid(floors, 'wall'), runs: floors.map((f) => f.wall) };
  return { floor, cli: await cliRun(dir, { json: mid(clis, 'ms'), runs: clis.map((c) => c.ms) }) };
}

// --- the table ------------------------------------------------------------------------------------

const fmtMs = (ms) => (ms === undefined || Number.isNaN(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const fmtMB = (b) => `${(b / 1048576).toFixed(0)} MB`;

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 1073741824).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    yamlLanguageServer: JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/yaml-language-server/package.json'), 'utf8')).version,
  };
}

async function main() {
  if (!fs.existsSync(SERVER) || !fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  const corpus = path.join(here, 'corpus');
  log('generating corpora in', path.relative(repo, corpus));
  const p = generate(corpus);
  const schema = writeSchema(schemaFile, repo);
  log(`schema for yaml-language-server: ${schema.kinds} kinds from ${schema.source}`);

  const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').length - 1;
  const results = { machine: machine(), date: new Date().toISOString(), quick, corpus: { small: lines(p.small), large: lines(p.large) }, schema };

  if (only.has('editor')) {
    // One unmeasured start of each server first, as a user's editor has started it before: the
    // disk cache holds both programs, and Daytwo's code cache (written at its first start) exists.
    for (const name of Object.keys(EDITORS)) await warmUp(name, p.small);
  }
  for (const [key, file] of only.has('editor') ? [['small', p.small], ['large', p.large]] : []) {
    for (const name of Object.keys(EDITORS)) {
      log(`${name}: ${path.basename(file)} (${results.corpus[key]} lines)`);
      results[`${name}:${key}`] = await editorRun(name, file);
    }
    results[`floor:${key}`] = await floorRun(file);
  }

  if (only.has('cli')) {
    log(`CLI and floor: 1,000-app folder (${RUNS} runs each)`);
    await timed([CLI, 'scan', p.apps1k, '--format', 'json']); // warm-up, as for the editors
    const r = await cliAgainstFloor(p.apps1k);
    results.floor1k = r.floor;
    results.cli1k = r.cli;
  }
  if (only.has('index')) {
    log('index: 1,000-app folder');
    results.index1k = await indexRun(p.apps1k);
    if (!quick) {
      log('index: 10,000-app folder');
      results.index10k = await indexRun(p.apps10k);
    }
  }
  if (only.has('cli') && !quick) {
    log('CLI: 10,000-app folder');
    results.cli10k = await cliRun(p.apps10k);
  }

  const out = render(results);
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'latest.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(here, 'results', 'latest.md'), out);
  process.stdout.write(out);
}

function render(r) {
  const d = (k) => r[`daytwo:${k}`];
  const y = (k) => r[`yaml-language-server:${k}`];
  const rows = [];
  const row = (metric, daytwo, yls, ratio, target, pass) => rows.push({ metric, daytwo, yls, ratio, target, pass });
  const ratio = (a, b) => (b > 0 ? a / b : NaN);
  const fr = (x) => (Number.isNaN(x) ? 'n/a' : x < 0.1 ? `1/${(1 / x).toFixed(0)}` : `${x.toFixed(2)}×`);
  const ok = (b) => (b ? 'yes' : '**NO**');

  for (const k of ['small', 'large']) {
    if (!d(k)) continue;
    const n = r.corpus[k].toLocaleString('en-US');
    const e2 = ratio(d(k).editP95, y(k).editP50);
    row(`edit→diagnostics p50, ${n} lines`, fmtMs(d(k).editP50), fmtMs(y(k).editP50), fr(ratio(d(k).editP50, y(k).editP50)), '', '');
    row(`edit→diagnostics p95, ${n} lines (vs its p50)`, fmtMs(d(k).editP95), fmtMs(y(k).editP50), fr(e2), k === 'large' ? '≤ 1/40' : '', k === 'large' ? ok(e2 <= 1 / 40) : '');
    const o = ratio(d(k).open, y(k).open);
    row(`open→diagnostics, ${n} lines`, fmtMs(d(k).open), fmtMs(y(k).open), fr(o), k === 'large' ? '≤ 1/10' : '', k === 'large' ? ok(o <= 1 / 10) : '');
    const s = ratio(d(k).start, y(k).start);
    row(`server start→first diagnostics, ${n} lines`, fmtMs(d(k).start), fmtMs(y(k).start), fr(s), '≤ 1/5', ok(s <= 1 / 5));
    row(`\`yaml\` parse (floor), ${n} lines`, fmtMs(r[`floor:${k}`].ms), '', '', '', '');
  }
  const c = r.cli1k;
  const f = r.floor1k;
  const cr = c ? ratio(c.ms, f.wall) : NaN;
  const runs = (xs) => (xs ? ` (median of ${xs.map(fmtMs).join(', ')})` : '');
  if (c) row(`CLI scan, 1,000 apps / 100 files (${c.findings} findings, ${c.objects} objects)${runs(c.runs)}`, fmtMs(c.ms), '', `${fr(cr)} of floor`, '≤ 1× floor', ok(cr <= 1));
  if (c) row(`  single-threaded \`yaml\` parse of the same files (floor: process wall / parse only)${runs(f.runs)}`, `${fmtMs(f.wall)} / ${fmtMs(f.ms)}`, '', '', '', '');
  if (c) row('  CLI --jobs 1 (sequential), text format', `${fmtMs(c.sequentialMs)}`, '', '', '', '');
  if (c) row(`  CLI --jobs ${c.jobs} (worker threads), text output identical to --jobs 1 and the default`, `${fmtMs(c.parallelMs)}`, '', '', '', c.identical ? 'identical' : '**DIFFERENT**');
  if (r.index1k) row('workspace index, 1,000 apps / 100 files', fmtMs(r.index1k.index), '', '', '', '');
  if (r.index10k) {
    const i = r.index10k;
    row(`workspace index, 10,000 apps / ${i.files} files`, fmtMs(i.index), '', '', '', '');
    row('  open→diagnostics of a file while that scan runs', fmtMs(i.openDuringScan), '', '', '', i.scanFinishedFirst ? '**waited for the scan**' : 'answered mid-scan');
    if (i.edits) row(`  edit→diagnostics p50 / p95 in that file (${i.probeLines.toLocaleString('en-US')} lines), the folder indexed`, `${fmtMs(i.editP50)} / ${fmtMs(i.editP95)}`, '', '', '', '');
    row('server RSS with 10,000 apps indexed', fmtMB(i.rss), '', '', '≤ 400 MB', ok(i.rss <= 400 * 1048576));
  }
  if (r.cli10k) {
    const k = r.cli10k;
    row(`CLI scan, 10,000 apps / ${k.files} files (${k.findings} findings)`, fmtMs(k.ms), '', '', '', '');
    row('  time to first output line (text format)', fmtMs(k.firstOutput), '', '', '', '');
  }

  const m = r.machine;
  let s = `Daytwo benchmark, ${r.date}${r.quick ? ' (quick)' : ''}\n`;
  s += `Machine: ${m.cpu}, ${m.memory}, node ${m.node}, ${m.os}; yaml-language-server ${m.yamlLanguageServer} with ${r.schema.kinds} kinds from ${r.schema.source}\n`;
  if (y('large')) s += `yaml-language-server reported the corpus's schema error on open: ${y('large').schemaErrorsOnOpen >= 1 ? 'yes' : 'NO'}\n`;
  s += '\n';
  s += '| metric | Daytwo | yaml-language-server | ratio | target | met |\n|---|---:|---:|---:|---|---|\n';
  for (const x of rows) s += `| ${x.metric} | ${x.daytwo} | ${x.yls} | ${x.ratio} | ${x.target} | ${x.pass} |\n`;
  return s;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
