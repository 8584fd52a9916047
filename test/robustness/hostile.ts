/**
 * Hostile and odd inputs, generated (never committed: some are megabytes). Each case says what a
 * good answer looks like, so the engine, CLI and server tests check the same expectations.
 */

import * as assert from 'node:assert/strict';

export interface HostileCase {
  name: string;
  /** File name to use on disk (extension matters: binary files renamed `.yaml`). */
  file: string;
  /** The content; a Buffer for bytes that are not valid UTF-8. */
  content: () => string | Buffer;
  /**
   * What must be reported:
   * - 'skipped': exactly one file-skipped diagnostic, on the first line, and nothing else from it;
   * - 'syntax': at least one yaml-syntax finding, and not a flood (at most `maxFindings`);
   * - 'quiet': no file-skipped, findings bounded;
   * - 'any': only bounded.
   */
  expect: 'skipped' | 'syntax' | 'quiet' | 'any';
  /** For 'skipped': a fragment the message must contain (which limit). */
  reason?: RegExp;
  /** Upper bound on findings for the file (a flood is a failure). Default 50. */
  maxFindings?: number;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

export const NORMAL_DEPLOYMENT = DEPLOYMENT;

/** Classic "billion laughs": 9 levels of 9 aliases each. */
export function aliasBomb(indent = ''): string {
  const lines = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const p = names[i - 1];
    lines.push(`${indent}${names[i]}: &${names[i]} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
  }
  return lines.join('\n') + '\n';
}

function manyDocs(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`);
  return parts.join('');
}

/** About `bytes` bytes of realistic manifests. */
function bigFile(bytes: number): string {
  const doc = (i: number) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: big\ndata:\n  payload: "${'x'.repeat(900)}"\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = doc(i);
    parts.push(d);
    size += d.length;
  }
  return parts.join('');
}

function deepBlock(depth: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: deep', 'data:'];
  for (let i = 1; i <= depth; i++) lines.push(`${' '.repeat(i)}k${i}:`);
  lines.push(`${' '.repeat(depth + 1)}leaf`);
  return lines.join('\n') + '\n';
}

function deepBlockSeq(depth: number): string {
  // Nested block sequences on one line: `- - - - x` (indentation alone does not show the depth).
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x:\n    ${'- '.repeat(depth)}x\n`;
}

function pseudoRandomBytes(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    b[i] = s >> 16;
  }
  return b;
}

export const HOSTILE: HostileCase[] = [
  { name: 'alias bomb (plain YAML)', file: 'bomb.yaml', content: () => aliasBomb(), expect: 'skipped', reason: /alias/ },
  {
    name: 'alias bomb inside a Kubernetes object',
    file: 'bomb-k8s.yaml',
    content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n${aliasBomb('  ')}`,
    expect: 'skipped',
    reason: /alias/,
  },
  {
    name: 'alias bomb in a Deployment container env',
    file: 'bomb-deploy.yaml',
    content: () =>
      DEPLOYMENT.replace('          ports:', `          args: *i\n          ports:`).replace('spec:\n  replicas', `x-bomb:\n${aliasBomb('  ')}spec:\n  replicas`),
    expect: 'skipped',
    reason: /alias/,
  },
  { name: '20,000-deep flow nesting', file: 'deep-flow.yaml', content: () => '['.repeat(20_000) + ']'.repeat(20_000) + '\n', expect: 'skipped', reason: /deeper/ },
  {
    name: '20,000-deep flow nesting inside a Kubernetes object, unclosed',
    file: 'deep-flow-k8s.yaml',
    content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'{a: '.repeat(20_000)}\n`,
    expect: 'skipped',
    reason: /deeper/,
  },
  { name: '3,000-deep block nesting', file: 'deep-block.yaml', content: () => deepBlock(3_000), expect: 'skipped', reason: /deeper/ },
  { name: '3,000-deep nested block sequences on one line', file: 'deep-seq.yaml', content: () => deepBlockSeq(3_000), expect: 'skipped', reason: /deeper/ },
  {
    name: '3,000-deep complex keys',
    file: 'deep-keys.yaml',
    content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  ${'? '.repeat(3_000)}x\n`,
    expect: 'skipped',
    reason: /deeper/,
  },
  { name: 'binary file renamed .yaml', file: 'image.yaml', content: () => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), pseudoRandomBytes(64 * 1024)]), expect: 'any', maxFindings: 1 },
  {
    name: 'NUL bytes in a Kubernetes manifest',
    file: 'nul.yaml',
    content: () => DEPLOYMENT.replace('name: web\n  namespace', 'name: we\u0000b\n  namespace'),
    expect: 'skipped',
    reason: /NUL|binary/,
  },
  {
    name: 'invalid UTF-8 in a Kubernetes manifest',
    file: 'bad-utf8.yaml',
    content: () => Buffer.concat([Buffer.from(DEPLOYMENT.slice(0, 60)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82]), Buffer.from(DEPLOYMENT.slice(60))]),
    expect: 'any',
  },
  { name: 'tab indentation', file: 'tabs.yaml', content: () => DEPLOYMENT.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)), expect: 'syntax' },
  { name: 'a 2 MB single line', file: 'long-line.yaml', content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata: {k: "${'ab'.repeat(1024 * 1024)}"}`, expect: 'quiet' },
  { name: 'a 2 MB single line of plain text, no newline', file: 'long-line-plain.yaml', content: () => 'x'.repeat(2 * 1024 * 1024), expect: 'quiet' },
  { name: 'a 2 MB flow sequence on one line', file: 'long-flow.yaml', content: () => `apiVersion: v1\nkind: List\nitems: [${'1,'.repeat(1024 * 1024)}1]\n`, expect: 'skipped', reason: /nodes/ },
  { name: '30,000 small documents in one file', file: 'many.yaml', content: () => manyDocs(30_000), expect: 'skipped', reason: /documents/ },
  { name: 'a 10 MB file (over the limit)', file: 'big.yaml', content: () => bigFile(10 * 1024 * 1024 + 4096), expect: 'skipped', reason: /maxFileSize/ },
  { name: 'a 9 MB file (under the size limit)', file: 'nine.yaml', content: () => bigFile(9 * 1024 * 1024), expect: 'quiet' },
  { name: 'empty file', file: 'empty.yaml', content: () => '', expect: 'quiet', maxFindings: 0 },
  { name: 'only ---', file: 'dashes.yaml', content: () => '---\n', expect: 'quiet', maxFindings: 0 },
  { name: 'only --- repeated', file: 'dashes2.yaml', content: () => '---\n---\n---\n...\n---', expect: 'quiet', maxFindings: 0 },
  { name: 'only comments and whitespace', file: 'comments.yaml', content: () => '# nothing\n\n   \n# here\n', expect: 'quiet', maxFindings: 0 },
  { name: 'scalars and lists as documents', file: 'scalars.yaml', content: () => 'hello\n---\n42\n---\n- a\n- b\n---\nnull\n---\n~\n---\n"apiVersion"\n---\n' + DEPLOYMENT, expect: 'quiet' },
  { name: 'apiVersion as a list', file: 'wrong-api.yaml', content: () => DEPLOYMENT.replace('apiVersion: apps/v1', 'apiVersion: [apps/v1]'), expect: 'any' },
  { name: 'kind as a number', file: 'wrong-kind.yaml', content: () => DEPLOYMENT.replace('kind: Deployment', 'kind: 5'), expect: 'any' },
  { name: 'metadata as a list', file: 'wrong-meta.yaml', content: () => 'apiVersion: v1\nkind: Pod\nmetadata: [1, 2]\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n', expect: 'any' },
  { name: 'metadata as a string', file: 'wrong-meta2.yaml', content: () => 'apiVersion: v1\nkind: Pod\nmetadata: "x"\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n', expect: 'any' },
  {
    name: 'wrong types all over a Deployment',
    file: 'wrong-types.yaml',
    content: () =>
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: 5, namespace: [x], labels: "l", annotations: [1]}\nspec: 7\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {template: [1], selector: 3}\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\nspec: {template: {metadata: 4, spec: {containers: "c", initContainers: 5, securityContext: [], volumes: "v"}}}\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c}\nspec: {template: {spec: {containers: [1, null, "x", [], {name: [1], image: 5, securityContext: "s", ports: 8, env: "e", resources: [], livenessProbe: 3, readinessProbe: [], volumeMounts: 7}]}}}\n',
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: d}\nspec: {jobTemplate: {spec: {template: {spec: {containers: {name: x}}}}}}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: e}\nspec: {ports: "p", selector: [1]}\n',
        'apiVersion: v1\nkind: Pod\nmetadata: null\nspec: null\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: f}\nrules: [1, {verbs: "*", resources: 5}]\n',
      ].join('---\n'),
    expect: 'any',
    maxFindings: 200,
  },
  {
    name: 'merge keys',
    file: 'merge.yaml',
    content: () =>
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: merged}\nspec:\n  template:\n    spec:\n      containers:\n        - &base\n          name: a\n          image: nginx:1.27\n        - <<: *base\n          name: b\n',
    expect: 'quiet',
  },
  { name: 'duplicate keys', file: 'dup.yaml', content: () => DEPLOYMENT.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 3\n'), expect: 'syntax' },
  {
    name: 'JSON in a .yaml file',
    file: 'json.yaml',
    content: () =>
      JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'json' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] } } } }, null, 2),
    expect: 'any',
  },
  {
    name: 'complex and odd keys',
    file: 'keys.yaml',
    content: () =>
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keys\n  ? [a, b]\n  : c\n  ? {x: 1}\n  : d\n  ~: nullkey\n  : emptykey\n  !!binary aGVsbG8=: bin\n  1: one\n  true: t\n  !!str 2: two\ndata:\n  ? |\n    multi\n  : v\n',
    expect: 'any',
  },
  { name: 'odd tags', file: 'tags.yaml', content: () => DEPLOYMENT.replace('replicas: 2', 'replicas: !!binary aGVsbG8=').replace('name: web\n  namespace', 'name: !custom web\n  namespace'), expect: 'any' },
  { name: 'unterminated double-quoted string', file: 'unterminated.yaml', content: () => DEPLOYMENT.replace('image: nginx:1.27', 'image: "nginx:1.27'), expect: 'syntax' },
  { name: 'unterminated single-quoted string', file: 'unterminated2.yaml', content: () => DEPLOYMENT.replace('name: web\n  namespace', "name: 'web\n  namespace"), expect: 'syntax' },
  { name: 'unterminated flow collection', file: 'unterminated3.yaml', content: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\ndata: [a, b\n', expect: 'syntax' },
  { name: 'CRLF line endings and a BOM', file: 'crlf.yaml', content: () => '\ufeff' + DEPLOYMENT.replace(/\n/g, '\r\n'), expect: 'quiet' },
  { name: 'lone surrogates and control characters', file: 'control.yaml', content: () => DEPLOYMENT.replace('app: web\n    spec', 'app: "w\ud800e\u0007b\u001b[31m"\n    spec'), expect: 'any' },
  {
    name: 'many anchors and aliases under the limit',
    file: 'aliases.yaml',
    content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n${Array.from({ length: 500 }, (_, i) => `  k${i}: &a${i} v${i}\n  r${i}: *a${i}`).join('\n')}\n`,
    expect: 'quiet',
  },
  { name: 'undefined alias', file: 'undef-alias.yaml', content: () => DEPLOYMENT.replace('replicas: 2', 'replicas: *nope'), expect: 'syntax' },
  { name: 'self-referencing alias', file: 'self-alias.yaml', content: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  self: *m\n', expect: 'any' },
  { name: 'a directive and a document end marker', file: 'directive.yaml', content: () => '%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\n' + DEPLOYMENT + '...\n%YAML 1.1\n---\n' + DEPLOYMENT, expect: 'any' },
  { name: 'Helm template', file: 'helm.yaml', content: () => DEPLOYMENT.replace('replicas: 2', 'replicas: {{ .Values.replicas }}'), expect: 'quiet', maxFindings: 0 },
];

/** The checks every hostile case must pass, shared with the CLI and server tests through the same cases. */
export function checkHostile(c: HostileCase, findings: { rule: string; message: string; line: number }[]): void {
  const max = c.maxFindings ?? 50;
  const skipped = findings.filter((f) => f.rule === 'file-skipped');
  const internal = findings.filter((f) => /internal error/i.test(f.message));
  assert.deepEqual(internal, [], `${c.name}: no rule may crash`);
  if (c.expect === 'skipped') {
    assert.equal(skipped.length, 1, `${c.name}: exactly one file-skipped, got ${JSON.stringify(findings.slice(0, 5))}`);
    assert.equal(skipped[0].line, 1, `${c.name}: the file-skipped diagnostic is at the top`);
    if (c.reason) assert.match(skipped[0].message, c.reason);
    // Says what to do.
    assert.match(skipped[0].message, /raise|split|flatten|save it/i, `${c.name}: the message says what to do`);
  } else {
    assert.equal(skipped.length, 0, `${c.name}: nothing skipped: ${JSON.stringify(skipped)}`);
    if (c.expect === 'syntax') assert.ok(findings.some((f) => f.rule === 'yaml-syntax'), `${c.name}: a yaml-syntax finding`);
    assert.ok(findings.length <= max, `${c.name}: at most ${max} findings, got ${findings.length}`);
  }
}

