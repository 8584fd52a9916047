/**
 * The plain-YAML fast path against the full `yaml` parser: whenever the fast path accepts a document,
 * the full parser must accept it without errors and give the same plain value (keys in the same
 * order) and the same outline (node types, scalar values, range start and end of every node). Checked
 * on every manifest in the repository, on hand-picked corner cases, and on random documents rendered
 * in random styles and then mutated.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { isDocument, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import { parsePlainYaml, resolvePlain } from '../../server/src/engine/plainYaml';
import { splitDocuments } from '../../server/src/engine/text';
import { parseChunk } from '../../server/src/engine/parse';
import { DEFAULT_LIMITS } from '../../server/src/engine/limits';

const ROOT = path.resolve(__dirname, '../../..');

/** Node types (flow or block), scalar values and range starts and ends, in document order. */
function outline(n: unknown, out: string[] = []): string[] {
  if (isMap(n) || isSeq(n)) {
    out.push(`${isMap(n) ? 'map' : 'seq'}${n.flow ? ' flow' : ''}[${n.range?.[0]},${n.range?.[1]}]`);
    for (const it of n.items as unknown[]) {
      if (isPair(it)) {
        out.push('key');
        outline(it.key, out);
        outline(it.value, out);
      } else outline(it, out);
    }
    out.push('end');
  } else if (isScalar(n)) out.push(`${JSON.stringify(n.value) ?? String(n.value)}[${n.range?.[0]},${n.range?.[1]}]`);
  else out.push(`other:${String(n)}`);
  return out;
}

/** Undefined when the fast path declines; otherwise asserts it agrees with the full parser. */
function agree(text: string): boolean {
  const fast = parsePlainYaml(text, DEFAULT_LIMITS.maxDepth);
  if (!fast) return false;
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, strict: false, logLevel: 'error' });
  assert.ok(Array.isArray(docs) && docs.length === 1, `fast path accepted what is not one document:\n${text}`);
  const full = docs[0];
  assert.deepEqual(full.errors.map((e) => e.message), [], `fast path accepted a document with errors:\n${text}`);
  assert.deepEqual(outline(fast.doc.contents), outline(full.contents), `outline differs for:\n${text}`);
  const value = full.toJS();
  assert.deepEqual(fast.value, value, `value differs for:\n${text}`);
  assert.equal(JSON.stringify(fast.value), JSON.stringify(value), `key order differs for:\n${text}`);
  return true;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

test('agrees with the full parser on every manifest in the repository, and takes nearly all of them', () => {
  let chunks = 0;
  let taken = 0;
  for (const dir of ['examples', 'test', 'snippets']) {
    if (!fs.existsSync(path.join(ROOT, dir))) continue;
    for (const f of yamlFiles(path.join(ROOT, dir))) {
      for (const chunk of splitDocuments(fs.readFileSync(f, 'utf8'))) {
        chunks++;
        if (agree(chunk.text)) taken++;
      }
    }
  }
  assert.ok(chunks > 50, `only ${chunks} documents found`);
  assert.ok(taken / chunks > 0.9, `the fast path took only ${taken} of ${chunks} documents`);
});

test('corner cases: accepted ones agree, and the ones outside the subset are declined', () => {
  const accepted = [
    'a: 1\n',
    'a:\n',
    'a:\nb: 1\n',
    '- a\n-\n- b\n',
    '--- # start\na: 1\n',
    '---\n# c\n\na: 1\n',
    'k: |-\n  x\n  y\n\n\nz: 1\n',
    'k: >\n  x\n  y\n\n  w\nz: 1\n',
    'k: >-\n  x\n  y\n\n\n  w\n',
    'k: |\n  x',
    'k: |\n  #!/bin/sh\n  echo "a: b" && exit 1\n\n  done\n# after\nz: 1\n',
    '- |\n  one\n- >-\n  two\n  lines\n',
    'a:\n- 1\n- 2\nb: 2\n',
    'a:\n  - 1\n  -   2   # two\nb:\n',
    'containers:\n- name: web\n  ports:\n  - containerPort: 80\n    name: http\n- name: side\n',
    '-\n  a: 1\n-\n  - x\n',
    'labels: {app: web, "tier": \'db\', n: 1}\nargs: ["--x", \'--y\', 3, true, null]\nempty: {}\nnone: []\n',
    'nested: [[1, 2], {a: [b]}]\n',
    '"quoted key": 1\n\'single\': "a\\"b\\\\c\\n"\nit: \'it\'\'s\'\n',
    'a: value # comment\nb: value#not\nc: http://x:8080/p?q=1\nd: "x" # c\n',
    'n: [1, 0o17, 0x1F, 1e3, .5, -.inf, +1, 012, 1_000, 1.0, ~, Null, NULL, nULL, yes, no, on, True, FALSE]\n',
    'n: -1\nm: -x\np: ?x\nq: :x\nr: a-b\ns: é\n',
    'app.kubernetes.io/name: web\na b: c\nkey-with-dash: x\n',
    'a: x\n\n\n\nb: y\n',
    '# only a comment first\n\napiVersion: v1\nkind: List\nitems:\n- a\n',
    '  indented: root\n  second: 2\n',
  ];
  for (const text of accepted) assert.ok(agree(text), `declined:\n${text}`);

  const declined = [
    'a: &x 1\nb: *x\n',
    'base: &b {a: 1}\nm:\n  <<: *b\n',
    'a: !!str 1\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\n...\n',
    'a: multi\n  line plain\n',
    'a: "multi\n  line"\n',
    'a: b: c\n',
    'a: 1\na: 2\n',
    '? complex\n: key\n',
    'a:\tx\n',
    'a: 1\r\nb: 2\r\n',
    '\ufeffa: 1\n',
    '# c\n\ufeffa: 1\n',
    'just a scalar\n',
    '# only a comment\n',
    '',
    '1: one\n',
    'true: yes\n',
    'k: |2\n   x\n',
    'k: |+\n  x\n\n',
    'k: >\n  x\n    more\n  y\n',
    'a: [1, 2,\n  3]\n',
    'a: [1, 2,]\n',
    'a: "\\x41"\n',
    'a:\n  b: 1\n c: 2\n',
    '- - a\n',
    // Comments after the end of a nested collection: the full parser's attachment rules decide ranges.
    'a:\n  b: 1\n# c\n\nz: 1\n',
    'a:\n  b: 1\n  # c\n\nz: 1\n',
    'a:\n  b:\n    c: 1\n    # deep comment\n  # mid comment\n# top comment\nz: 1\n',
    // Empty values with a comment or spaces after them, or comments around them: the same.
    'a: # c\nb: 2',
    'a:   \nb: 1',
    '- \n- a',
    '- a\n# c\n-\n- b\n',
    'a:\n\nb: 1\n',
    '__proto__: x\n',
  ];
  for (const text of declined) {
    assert.equal(parsePlainYaml(text, DEFAULT_LIMITS.maxDepth), undefined, `accepted:\n${text}`);
  }
});

test("outline nodes answer the yaml library's type guards like the full parser's nodes", () => {
  const fast = parsePlainYaml('a:\n  b: [1]\n', DEFAULT_LIMITS.maxDepth)!;
  assert.ok(isDocument(fast.doc));
  const root = fast.doc.contents;
  assert.ok(isMap(root) && root instanceof YAMLMap);
  const pair = root.items[0];
  assert.ok(isPair(pair) && isScalar(pair.key) && pair.key instanceof Scalar);
  assert.ok(isMap(pair.value) && !isSeq(pair.value));
  assert.deepEqual(fast.doc.toJS(), { a: { b: [1] } });
});

test('a plain scalar resolves as the YAML 1.2 core schema says', () => {
  const cases: [string, unknown][] = [
    ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
    ['true', true], ['True', true], ['TRUE', true], ['tRUE', 'tRUE'], ['false', false], ['yes', 'yes'], ['on', 'on'],
    ['0o17', 15], ['0x1F', 31], ['012', 12], ['-3', -3], ['+3', 3], ['1_000', '1_000'],
    ['1e3', 1000], ['.5', 0.5], ['1.', 1], ['-.inf', -Infinity], ['.Inf', Infinity], ['.nan', NaN], ['1.2.3', '1.2.3'], ['web', 'web'],
  ];
  for (const [s, v] of cases) assert.deepEqual(resolvePlain(s), v, s);
});

test('parseChunk gives the same answer through the fast path as through the full parser', () => {
  const files = yamlFiles(path.join(ROOT, 'examples'));
  assert.ok(files.length > 5);
  for (const chunk of files.flatMap((f) => splitDocuments(fs.readFileSync(f, 'utf8')))) {
    const fast = parseChunk(chunk.text, DEFAULT_LIMITS);
    const full = parseChunk(chunk.text, DEFAULT_LIMITS, 'full');
    assert.equal(fast.length, full.length);
    for (let i = 0; i < fast.length; i++) {
      assert.deepEqual(fast[i].value, full[i].value);
      assert.deepEqual(fast[i].errors, full[i].errors);
      assert.equal(fast[i].nodes, full[i].nodes);
      assert.deepEqual(outline(fast[i].doc?.contents), outline(full[i].doc?.contents));
    }
  }
});

// --- random documents ---------------------------------------------------------------------------

type Tree = string | number | boolean | null | Tree[] | { [k: string]: Tree };

const KEYS = ['name', 'image', 'app', 'app.kubernetes.io/name', 'a b', 'x-y', 'data', 'yes', 'on', '"q"', "it's", 'k:v', 'url'];
const STRINGS = ['web', 'nginx:1.27', 'a: b', 'a #b', 'x#y', 'http://x:80', '', 'null', '~', 'true', 'TRUE', '1.0', '.5', '0o17', '-1', 'yes',
  'multi\nline', 'two\n\nparas\n', "it's", 'say "hi"', 'ünï', '-', '[x]', '{y}', '@x', '%x', '&a', '*a', '!t', '? q', ': c', 'trailing ', ' leading', 'back\\slash', 'tab\tin'];

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Tree>(...STRINGS, 0, 1, -5, 2.5, true, false, null),
    fc.array(tie('t'), { minLength: 0, maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('t'), { minKeys: 0, maxKeys: 4 }),
  ),
})).t;

/** A small seeded PRNG, so one fast-check integer drives every style choice of a rendering. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

/** Renders a tree as block YAML in randomly chosen styles: quotes, flow, block scalars, comments, blank lines. */
function render(value: Tree, pick: (n: number) => number): string {
  const scalar = (v: Tree, indent: number): string => {
    if (typeof v !== 'string') return String(v);
    switch (pick(6)) {
      case 0: return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
      case 1: return v.includes('\n') ? `"${v.replace(/\n/g, '\\n')}"` : `'${v.replace(/'/g, "''")}'`;
      case 2: {
        const pad = ' '.repeat(indent + 2);
        const header = ['|', '|-', '>', '>-'][pick(4)];
        return `${header}${pick(4) === 0 ? ' # c' : ''}\n${v.split('\n').map((l) => (l ? pad + l : '')).join('\n')}`;
      }
      default: return v;
    }
  };
  const comment = (): string => (pick(5) === 0 ? '  # note' : '');
  const flow = (v: Tree): string => {
    if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')}}`;
    return typeof v === 'string' && pick(2) ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"` : String(v);
  };
  const lines = (v: Tree, indent: number): string[] => {
    const pad = ' '.repeat(indent);
    const out: string[] = [];
    const after = (prefix: string, x: Tree, childIndent: number, seqHere: boolean) => {
      if (x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length : Object.keys(x).length) && pick(4) !== 0) {
        out.push(prefix + comment());
        out.push(...lines(x, Array.isArray(x) && seqHere && pick(2) ? indent : childIndent));
      } else if (x !== null && typeof x === 'object') out.push(`${prefix} ${flow(x)}${comment()}`);
      else out.push(`${prefix} ${scalar(x, indent)}${typeof x === 'string' && x.includes('\n') ? '' : comment()}`);
      if (pick(8) === 0) out.push(pick(2) ? '' : `${' '.repeat(pick(indent + 3))}# between`);
    };
    if (Array.isArray(v)) for (const x of v) after(`${pad}-`, x, indent + 2, false);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) after(`${pad}${k}:`, x, indent + [2, 4][pick(2)], true);
    else out.push(pad + scalar(v, indent));
    return out;
  };
  return (pick(4) === 0 ? '---\n' : '') + lines(value, 0).join('\n') + (pick(3) ? '\n' : '');
}

const MUTATION_CHARS = [' ', ':', '-', '#', '\n', "'", '"', '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '?', 'x'];

function mutate(text: string, pick: (n: number) => number): string {
  const at = pick(text.length + 1);
  switch (pick(3)) {
    case 0: return text.slice(0, at) + text.slice(at + 1);
    case 1: return text.slice(0, at) + MUTATION_CHARS[pick(MUTATION_CHARS.length)] + text.slice(at);
    default: {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      return text.slice(0, start) + ' ' + text.slice(start);
    }
  }
}

test('random documents in random styles: whatever the fast path accepts, the full parser reads the same', () => {
  let rendered = 0;
  let taken = 0;
  fc.assert(
    fc.property(tree, fc.integer(), fc.nat(3), (t, seed, mutations) => {
      const pick = rng(seed);
      let text = render(t, pick);
      for (let i = 0; i < mutations; i++) text = mutate(text, pick);
      rendered++;
      if (agree(text)) taken++;
    }),
    // PLAIN_YAML_RUNS=200000 for a long local run.
    { numRuns: Number(process.env.PLAIN_YAML_RUNS ?? 3000), seed: Number(process.env.PLAIN_YAML_SEED ?? 20261124) },
  );
  // The differential above only means something if the fast path takes a fair share (many random
  // documents are invalid YAML on purpose, or mutated).
  assert.ok(taken > rendered / 10, `the fast path took ${taken} of ${rendered} random documents`);
});
