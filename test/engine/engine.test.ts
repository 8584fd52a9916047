import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, lintWorkspace, yaml } from '../helpers';
import { splitDocuments, LineIndex } from '../../server/src/engine/text';
import { matchGlob } from '../../server/src/engine/glob';
import { mentionsKubernetes } from '../../server/src/engine/detect';
import { Workspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules/registry';
import type { ObjectRule } from '../../server/src/rules/types';
import { defaultConfig } from '../../server/src/engine/config';

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: debug
  spec:
    containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

test('splitDocuments cuts at --- and ... and keeps directives with their document', () => {
  const text = '%YAML 1.2\n---\na: 1\n---\nb: 2\n...\n---\nc: |\n  ---not a marker\n';
  const chunks = splitDocuments(text);
  assert.deepEqual(chunks.map((c) => c.text), ['%YAML 1.2\n---\na: 1\n', '---\nb: 2\n...\n', '---\nc: |\n  ---not a marker\n']);
  assert.equal(chunks.map((c) => c.text).join(''), text);
  assert.equal(chunks[1].start, text.indexOf('---\nb'));
});

test('LineIndex maps offsets both ways, with CRLF', () => {
  const li = new LineIndex('ab\r\ncd\n\nef');
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  assert.equal(li.offsetAt({ line: 3, character: 1 }), 9);
  assert.equal(li.lineText(0), 'ab');
  assert.equal(li.lineEnd(0), 2);
});

test('LineIndex of a long text, then a short one: each keeps its own lines', () => {
  // More lines than the shared scratch array starts with, so it grows; a later, shorter text must
  // not see the longer one's line starts.
  const long = Array.from({ length: 5000 }, (_, i) => `line-${i}`).join('\n');
  const li = new LineIndex(long);
  const short = new LineIndex('a\nbb\nccc');
  assert.equal(li.lineCount, 5000);
  assert.equal(li.lineText(4321), 'line-4321');
  assert.deepEqual(li.positionAt(long.indexOf('line-2500')), { line: 2500, character: 0 });
  assert.equal(short.lineCount, 3);
  assert.deepEqual(short.positionAt(100), { line: 2, character: 3 });
  assert.equal(short.lineText(2), 'ccc');
  assert.equal(li.lineText(4999), 'line-4999');
});

test('multi-document files: every document is analysed and ranges point into the right one', () => {
  const text = `${POD}---\n${POD.replace('name: debug', 'name: debug-2')}`;
  const f = lint(text).filter((x) => x.rule === 'privileged-container');
  assert.deepEqual(f.map((x) => [x.line, x.docIndex]), [[10, 0], [21, 1]]);
});

test('CRLF and BOM files: exact ranges are kept', () => {
  const crlf = '\uFEFF' + POD.replace(/\n/g, '\r\n');
  const f = lint(crlf).find((x) => x.rule === 'privileged-container')!;
  assert.equal(f.text, 'privileged: true');
  assert.deepEqual(f.lsp.start, { line: 9, character: 6 });
});

test('YAML syntax errors are reported on Kubernetes files only', () => {
  const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n';
  const f = lint(broken);
  assert.equal(f.length >= 1, true);
  assert.ok(f.every((x) => x.rule === 'yaml-syntax'));
  assert.equal(f[0].severity, 'error');
  assert.deepEqual(lint('services:\n  web: [unclosed\n'), []);
});

test('scalars, lists and non-Kubernetes mappings as documents produce nothing', () => {
  assert.deepEqual(lint('just a string\n---\n- a\n- b\n---\nfoo: bar\n---\n'), []);
  assert.deepEqual(lint('apiVersion: 5\nkind: Pod\n'), []);
});

test('suppression comment on the line or the line above, with its reason kept', () => {
  const sameLine = POD.replace('privileged: true', 'privileged: true  # daytwo-ignore privileged-container -- node debugging');
  assert.ok(!lint(sameLine).some((x) => x.rule === 'privileged-container'));
  const kept = lint(sameLine, { withSuppressed: true }).find((x) => x.rule === 'privileged-container')!;
  assert.deepEqual(kept.suppressed, { kind: 'comment', reason: 'node debugging' });
  const above = POD.replace(/( *)privileged: true/, '$1# daytwo-ignore run-as-root, privileged-container -- debug\n$1privileged: true');
  assert.notEqual(above, POD);
  assert.ok(!lint(above).some((x) => x.rule === 'privileged-container'));
  const other = POD.replace('privileged: true', 'privileged: true  # daytwo-ignore run-as-root');
  assert.ok(lint(other).some((x) => x.rule === 'privileged-container'));
});

test('suppression annotation on the object and on the pod template', () => {
  const onPod = POD.replace('  name: debug\n', '  name: debug\n  annotations:\n    daytwo.dev/ignore: "privileged-container, run-as-root"\n');
  const rules = lint(onPod).map((x) => x.rule);
  assert.ok(!rules.includes('privileged-container') && !rules.includes('run-as-root'));
  const deploy = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: agent}
    spec:
      selector: {matchLabels: {app: agent}}
      template:
        metadata:
          labels: {app: agent}
          annotations:
            daytwo.dev/ignore: privileged-container
        spec:
          containers:
          - name: agent
            image: agent:1.0.0
            securityContext: {privileged: true}
  `;
  assert.ok(!lint(deploy).some((x) => x.rule === 'privileged-container'));
  assert.equal(lint(deploy, { withSuppressed: true }).find((x) => x.rule === 'privileged-container')?.suppressed?.kind, 'annotation');
});

test('configuration exemptions by rule, kind, name prefix and namespace', () => {
  const config = { exemptions: [{ rule: 'privileged-container', kind: 'Pod', name: 'debug*', namespace: 'default', reason: 'break-glass' }] };
  const f = lint(POD, { config, withSuppressed: true }).find((x) => x.rule === 'privileged-container')!;
  assert.deepEqual(f.suppressed, { kind: 'config', reason: 'break-glass' });
  const other = lint(POD, { config: { exemptions: [{ rule: 'privileged-container', namespace: 'kube-system', reason: 'x' }] } });
  assert.ok(other.some((x) => x.rule === 'privileged-container'));
});

test('rule severity overrides and off', () => {
  const f = lint(POD, { config: { severities: { 'privileged-container': 'info', 'run-as-root': 'off' } } });
  assert.equal(f.find((x) => x.rule === 'privileged-container')!.severity, 'info');
  assert.ok(!f.some((x) => x.rule === 'run-as-root'));
});

test('kustomize: kustomization.yaml is not an object, and files it lists as patches are partial', () => {
  const patch = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 5
  `;
  const findings = lintWorkspace({
    'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\npatches:\n- path: replicas.yaml\n',
    'overlays/prod/replicas.yaml': patch,
  });
  assert.deepEqual(findings.filter((f) => f.file.endsWith('kustomization.yaml')), []);
  assert.ok(!findings.some((f) => f.file.endsWith('replicas.yaml') && f.rule === 'schema-invalid' && /required/.test(f.message)));
});

test('an exception in one rule yields one internal-error finding for that rule; others still run', () => {
  const boom = { id: 'boom', category: 'schema' as const, severity: 'warning' as const, description: 'throws', rationale: 'test', check() { throw new Error('kaput'); } };
  const logs: string[] = [];
  const ws = new Workspace({ rules: [...RULES, boom], log: (m) => logs.push(m) });
  ws.update('file:///x/pod.yaml', POD);
  const res = ws.analyze('file:///x/pod.yaml')!;
  const internal = res.findings.filter((f) => f.rule === 'boom');
  assert.equal(internal.length, 1);
  assert.match(internal[0].message, /Internal error in Daytwo rule boom on Pod\/debug: kaput/);
  assert.ok(res.findings.some((f) => f.rule === 'privileged-container'));
  assert.match(logs[0], /kaput/);
});

test('incremental update: an unchanged document keeps its cached analysis', () => {
  const ws = new Workspace({ rules: RULES });
  const uri = 'file:///x/multi.yaml';
  const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n';
  ws.update(uri, `${POD}---\n${other}`);
  const before = ws.get(uri)!.docs[0].parsed;
  ws.update(uri, `${POD}---\n${other.replace('"1"', '"2"')}`);
  assert.equal(ws.get(uri)!.docs[0].parsed, before, 'the first document was re-parsed');
  assert.notEqual(ws.get(uri)!.docs[1].parsed.value, undefined);
});

test('incremental update: identical documents are each taken over once, and moved documents are found by text', () => {
  const cm = (name: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;
  const svc = (port: number) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {app: web}\n  ports: [{port: ${port}}]\n`;
  const uri = 'file:///x/dups.yaml';
  const texts = [
    cm('same') + cm('same') + svc(80),
    cm('same') + cm('same') + svc(81), // an edit after two identical documents
    svc(81) + cm('same') + cm('same'), // the documents moved around
    cm('other') + cm('same') + svc(81) + cm('same'),
  ];
  const ws = new Workspace({ rules: RULES });
  const summary = (w: Workspace) => w.analyze(uri)!.findings.map((f) => `${f.docIndex} ${f.rule} ${f.range.start}-${f.range.end}`);
  for (const text of texts) {
    ws.update(uri, text);
    const fresh = new Workspace({ rules: RULES });
    fresh.update(uri, text);
    assert.equal(ws.get(uri)!.docs.length, fresh.get(uri)!.docs.length, 'one state per document');
    assert.deepEqual(summary(ws), summary(fresh));
  }
  // The Service moved to the front with the same text: its parse was taken over, not redone.
  const before = ws.get(uri)!.docs[2].parsed;
  ws.update(uri, svc(81) + cm('other') + cm('same') + cm('same'));
  assert.equal(ws.get(uri)!.docs[0].parsed, before);
});

test("an editor's edit: only the edited document is re-parsed, and what the change brings is still found", () => {
  const cm = (name: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;
  const uri = 'file:///x/edited.yaml';
  const text = `${POD}${cm('one')}${cm('two')}`;
  const ws = new Workspace({ rules: RULES });
  ws.update(uri, text, 1);
  const docs = ws.get(uri)!.docs.map((d) => d.parsed);
  const edit = (before: string, at: number, remove: number, inserted: string) => ({ before, start: at, end: at + remove, inserted });
  const summary = (w: Workspace) => w.analyze(uri)!.findings.map((f) => `${f.docIndex} ${f.rule} ${f.range.start}-${f.range.end} ${f.suppressed ? 'suppressed' : ''}`);
  const fresh = (t: string) => {
    const w = new Workspace({ rules: RULES });
    w.update(uri, t);
    return w;
  };

  // The second ConfigMap's value: the first two documents are taken over, the third re-parsed.
  const at = text.lastIndexOf('"1"');
  const v2 = text.slice(0, at) + '"2"' + text.slice(at + 3);
  assert.equal(ws.update(uri, v2, 2, undefined, edit(text, at, 3, '"2"')), true);
  assert.equal(ws.get(uri)!.docs[0].parsed, docs[0]);
  assert.equal(ws.get(uri)!.docs[1].parsed, docs[1]);
  assert.notEqual(ws.get(uri)!.docs[2].parsed, docs[2]);
  assert.deepEqual(summary(ws), summary(fresh(v2)));

  // Typing the same character again changes nothing: same version bookkeeping, no re-index.
  assert.equal(ws.update(uri, v2, 3, undefined, edit(v2, at, 3, '"2"')), false);
  assert.equal(ws.get(uri)!.version, 3);

  // A suppression comment typed into the Pod hides its finding, as in a fresh analysis.
  const privileged = /^( *)privileged: true/m.exec(v2)!;
  const line = privileged.index;
  const comment = `${privileged[1]}# daytwo-ignore privileged-container -- a debug pod\n`;
  const v3 = v2.slice(0, line) + comment + v2.slice(line);
  ws.update(uri, v3, 4, undefined, edit(v2, line, 0, comment));
  assert.ok(ws.analyze(uri)!.findings.some((f) => f.rule === 'privileged-container' && f.suppressed?.kind === 'comment'));
  assert.deepEqual(summary(ws), summary(fresh(v3)));

  // A `{` typed next to another makes Helm's `{{`: the file is a template now, and silent.
  const brace = v3.indexOf('name: two') + 'name: '.length;
  const v4 = v3.slice(0, brace) + '{{' + v3.slice(brace);
  const w4 = new Workspace({ rules: RULES });
  w4.update(uri, v3.slice(0, brace) + '{' + v3.slice(brace), 1);
  const half = w4.get(uri)!.text;
  w4.update(uri, v4, 2, undefined, edit(half, brace + 1, 0, '{'));
  assert.deepEqual(w4.get(uri)!.skip, { silent: true });
  assert.deepEqual(w4.analyze(uri)!.findings, []);

  // A NUL byte typed in: the file looks binary.
  ws.update(uri, v3.slice(0, 5) + '\u0000' + v3.slice(5), 5, undefined, edit(v3, 5, 0, '\u0000'));
  assert.match(ws.analyze(uri)!.findings.map((f) => f.message).join('\n'), /NUL bytes/);

  // A file read from disk, then opened: the editor's equal text is taken over with its split, so the
  // first keystroke is split from the documents too (its chunks before the edit are the same objects).
  const disk = new Workspace({ rules: RULES });
  disk.update(uri, text);
  disk.compact(uri);
  const opened = text.slice(0, 10) + text.slice(10);
  disk.update(uri, opened, 1);
  assert.equal(disk.get(uri)!.text, opened);
  const chunks = disk.get(uri)!.chunks!;
  assert.equal(chunks.length, 3);
  disk.update(uri, v2, 2, undefined, edit(opened, at, 3, '"2"'));
  assert.equal(disk.get(uri)!.chunks![0], chunks[0]);
  assert.deepEqual(summary(disk), summary(fresh(v2)));

  // A change whose `before` is not the workspace's text is not trusted: the text is read whole.
  const other = new Workspace({ rules: RULES });
  other.update(uri, text, 1);
  other.update(uri, v3, 2, undefined, edit(v2, at, 3, '"9"'));
  assert.deepEqual(summary(other), summary(fresh(v3)));
});

test('analyze gives the same result object while nothing changed, and a new one after an edit, a config change or a change elsewhere it reads', () => {
  const ws = new Workspace({ rules: RULES });
  const uri = 'file:///x/pod.yaml';
  ws.update(uri, POD, 1);
  const first = ws.analyze(uri)!;
  assert.equal(ws.analyze(uri), first);
  ws.update(uri, POD, 2); // the same text again, as an editor re-sends it
  assert.equal(ws.analyze(uri), first);
  ws.update(uri, POD.replace('busybox:1.36', 'busybox:latest'), 3);
  const edited = ws.analyze(uri)!;
  assert.notEqual(edited, first);
  assert.ok(edited.findings.some((f) => f.rule === 'image-tag-mutable'));
  // A ServiceAccount elsewhere changes what a cross-resource rule of the Pod finds.
  ws.update('file:///x/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: default\nautomountServiceAccountToken: false\n');
  const afterSa = ws.analyze(uri)!;
  assert.notEqual(afterSa.findings.map((f) => f.rule).join(), edited.findings.map((f) => f.rule).join());
  assert.notEqual(afterSa, edited);
  ws.setConfig({ ...defaultConfig(), severities: { 'image-tag-mutable': 'off' } });
  const configured = ws.analyze(uri)!;
  assert.notEqual(configured, afterSa);
  assert.ok(!configured.findings.some((f) => f.rule === 'image-tag-mutable'));
});

test('mentionsKubernetes gives the same answer for a text and for its documents', () => {
  const texts = [
    'apiVersion: v1\nkind: ConfigMap\n',
    '# broken\napiVersion: v1\n---\n  kind: Secret\n',
    'services:\n  web:\n    image: nginx\n---\nkind: not-k8s-alone\n',
    'apiVersion: v1\n---\nmetadata: {}\n',
    '\n\n  apiVersion:  v1\n\n---\n\nkind :Pod',
  ];
  for (const text of texts) {
    const whole = mentionsKubernetes([text]);
    assert.equal(mentionsKubernetes(splitDocuments(text).map((c) => c.text)), whole, JSON.stringify(text));
  }
  assert.deepEqual(texts.map((t) => mentionsKubernetes([t])), [true, true, false, false, true]);
});

test('a cross-resource rule whose memo throws stays one internal-error finding, also when the index changes', () => {
  let throwing = true;
  const memoBoom: ObjectRule = {
    id: 'memo-boom',
    category: 'resources',
    severity: 'warning',
    description: 'reads a memo that throws',
    rationale: 'test',
    crossResource: true,
    check({ object, index, report }) {
      const n = index.memo(`memo-boom:${object.effectiveNamespace}`, () => {
        if (throwing) throw new Error('kaput');
        return index.ofKind('ConfigMap', object.effectiveNamespace).length;
      });
      report({ path: ['kind'], message: `${n} ConfigMaps` });
    },
  };
  const ws = new Workspace({ rules: [...RULES, memoBoom], log: () => undefined });
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\ndata: {a: "${v}"}\n`;
  ws.update('file:///x/pod.yaml', POD);
  ws.update('file:///x/cm.yaml', cm('1'));
  const boomOf = (uri: string) => ws.analyze(uri)!.findings.filter((f) => f.rule === 'memo-boom').map((f) => f.message);
  assert.deepEqual(boomOf('file:///x/pod.yaml'), ['Internal error in Daytwo rule memo-boom on Pod/debug: kaput. The other rules still ran; please report this with the manifest.']);
  // The index changes: checking whether the cached finding still holds runs the memo again, outside
  // the rule. That must not take down the file's analysis.
  ws.update('file:///x/cm.yaml', cm('2'));
  assert.equal(boomOf('file:///x/pod.yaml').length, 1);
  assert.ok(ws.analyze('file:///x/pod.yaml')!.findings.some((f) => f.rule === 'privileged-container'));
  // Once the memo computes, its readers are re-run and report its value.
  throwing = false;
  ws.update('file:///x/cm.yaml', cm('3'));
  assert.deepEqual(boomOf('file:///x/cm.yaml'), ['1 ConfigMaps']);
});

test('ignore globs', () => {
  assert.ok(matchGlob('vendor/x/a.yaml', 'vendor/**'));
  assert.ok(matchGlob('a/b/generated.yaml', '*.yaml'));
  assert.ok(matchGlob('charts/x/values.yaml', 'charts/'));
  assert.ok(!matchGlob('src/a.yaml', 'vendor/**'));
  assert.ok(matchGlob('deploy/prod.yml', 'deploy/*.{yaml,yml}'));
});

test('one problem, one finding: a specific rule at the same range replaces schema-invalid', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api, namespace: payments}
    spec:
      selector: {matchLabels: {app: api}}
      template:
        metadata:
          labels: {app: api}
          annotations:
            linkerd.io/inject: true
            example.com/flag: true
        spec:
          containers:
          - name: api
            image: registry.example.com/api:1.0.0
  `;
  const f = lint(m).filter((x) => x.line === 10 || x.line === 11);
  assert.deepEqual(f.map((x) => [x.line, x.rule]).sort(), [[10, 'mesh-annotation-value'], [11, 'schema-invalid']]);
});

test('cross-resource findings are cached per object and recomputed when a kind they read changes', () => {
  const ws = new Workspace({ rules: RULES });
  const app = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: reports, namespace: shop}
    spec:
      selector: {matchLabels: {app: reports}}
      template:
        metadata: {labels: {app: reports}}
        spec:
          containers:
          - name: reports
            image: registry.example.com/reports:1.0.0
          volumes:
          - name: data
            persistentVolumeClaim: {claimName: reports-data}
  `;
  const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n`;
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {LEVEL: "${v}"}\n`;
  ws.update('file:///w/app.yaml', app);
  ws.update('file:///w/claims.yaml', claim('other'));
  ws.update('file:///w/cm.yaml', cm('a'));
  const has = () => ws.analyze('file:///w/app.yaml')!.findings.some((f) => f.rule === 'pvc-not-found');
  assert.ok(has());
  const first = ws.analyze('file:///w/app.yaml')!.findings.find((f) => f.rule === 'pvc-not-found');
  // A change to an unrelated kind keeps the cached result (same finding object content)...
  ws.update('file:///w/cm.yaml', cm('b'));
  assert.deepEqual(ws.analyze('file:///w/app.yaml')!.findings.find((f) => f.rule === 'pvc-not-found'), first);
  // ...and a change to the kind the rule reads recomputes it.
  ws.update('file:///w/claims.yaml', claim('reports-data'));
  assert.ok(!has());
  ws.remove('file:///w/claims.yaml');
  ws.update('file:///w/claims2.yaml', claim('x'));
  assert.ok(has());
});

test('config files of Kubernetes tools (kubeconfig, kind, kubeadm, skaffold) get no findings at all', () => {
  const files: Record<string, string> = {
    'kubeconfig.yaml': 'apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: "https://127.0.0.1:6443"}\n  name: dev\ncurrent-context: dev\n',
    'kind.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n',
    'kubeadm.yaml': 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.35.0\n',
    'skaffold.yaml': 'apiVersion: skaffold/v4beta11\nkind: Config\nmetadata:\n  name: shop\nbuild:\n  artifacts:\n  - image: shop\n',
  };
  assert.deepEqual(lintWorkspace(files).map((f) => `${f.file} ${f.rule}`), []);
});


test('a closed (compacted) file keeps its findings: packed ones unpack equal, and cross-resource ones are re-placed without re-parsing', () => {
  const deployment = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: web
            image: registry.example.com/web:1.2.3
  `;
  const pdb = (app: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: shop}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: ${app}}}\n`;
  const files = (app: string): [string, string][] => [['file:///w/app.yaml', deployment], ['file:///w/pdb.yaml', pdb(app)]];
  const fresh = (app: string) => {
    const ws = new Workspace({ rules: RULES });
    for (const [u, t] of files(app)) ws.update(u, t);
    return ws.analyze('file:///w/app.yaml')!.findings;
  };

  const ws = new Workspace({ rules: RULES });
  for (const [u, t] of files('other')) ws.update(u, t);
  const open = ws.analyze('file:///w/app.yaml')!.findings;
  assert.ok(open.some((f) => f.rule === 'pdb-missing'));
  assert.ok(open.some((f) => f.rule === 'run-as-root'));

  ws.compact('file:///w/app.yaml');
  const closed = ws.analyze('file:///w/app.yaml')!.findings;
  assert.deepEqual(closed, open);
  // Every finding about the Deployment shares one object reference, restored after unpacking.
  const refs = new Set(closed.filter((f) => f.object).map((f) => f.object));
  assert.equal(refs.size, 1);

  // The kind pdb-missing reads changes, the finding is recomputed at the place it had: no re-parse.
  ws.compact('file:///w/app.yaml');
  ws.update('file:///w/pdb.yaml', pdb('still-other'));
  assert.deepEqual(ws.analyze('file:///w/app.yaml')!.findings, fresh('still-other'));
  assert.equal(ws.get('file:///w/app.yaml')!.docs[0].parsed.doc, undefined, 'the closed document was re-parsed to place a known finding');

  // A matching PDB makes it go away, exactly as in a workspace that never compacted.
  ws.update('file:///w/pdb.yaml', pdb('web'));
  const matched = ws.analyze('file:///w/app.yaml')!.findings;
  assert.ok(!matched.some((f) => f.rule === 'pdb-missing'));
  assert.deepEqual(matched, fresh('web'));
});

test('a closed file changed on disk keeps the objects of documents it takes over at a new position', () => {
  // A document inserted above shifts the others; those taken over from the closed (compacted) file
  // have no AST any more, and used to drop out of the index.
  const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: shop}\ndata: {mode: ${name}}\n`;
  const uri = 'file:///w/config.yaml';
  const ws = new Workspace({ rules: RULES });
  ws.update(uri, `${configMap('a')}---\n${configMap('b')}`);
  ws.prepare(uri);
  ws.compact(uri);
  const text = `${configMap('c')}---\n${configMap('a')}---\n${configMap('b')}`;
  ws.update(uri, text);
  const names = (w: Workspace) => w.index.objectsOf(uri).map((o) => `${o.name}@${o.docIndex}`);
  assert.deepEqual(names(ws), ['c@0', 'a@1', 'b@2']);
  const fresh = new Workspace({ rules: RULES });
  fresh.update(uri, text);
  assert.deepEqual(names(fresh), names(ws));
  assert.deepEqual(ws.analyze(uri)!.findings, fresh.analyze(uri)!.findings);
});

test('packing a closed file keeps a fix whose value has a field called object (an HPA Object metric)', () => {
  const metric = { type: 'Object', object: { metric: { name: 'requests-per-second' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' }, target: { type: 'Value', value: '10k' } } };
  const rule: ObjectRule = {
    id: 'test-object-metric',
    category: 'resources',
    severity: 'info',
    description: 'test',
    rationale: 'test',
    check: ({ object, report }) => {
      if (object.kind === 'HorizontalPodAutoscaler') report({ path: ['spec', 'metrics'], message: 'add a metric', fix: { title: 'Add an Object metric', ops: [{ op: 'append', path: ['spec', 'metrics'], value: metric }] } });
    },
  };
  const ws = new Workspace({ rules: [rule] });
  const uri = 'file:///w/hpa.yaml';
  ws.update(uri, 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n  metrics: []\n');
  const open = ws.analyze(uri)!.findings;
  ws.compact(uri);
  const closed = ws.analyze(uri)!.findings;
  assert.deepEqual(closed, open);
  assert.deepEqual((closed[0].fix!.ops[0] as { value: unknown }).value, metric);
});

test('setConfig with an equal configuration keeps the cached findings; a changed one recomputes them', () => {
  const ws = new Workspace({ rules: RULES, config: defaultConfig() });
  ws.update('file:///w/pod.yaml', POD);
  const before = ws.analyze('file:///w/pod.yaml')!.findings;
  ws.setConfig(defaultConfig());
  const same = ws.analyze('file:///w/pod.yaml')!.findings;
  assert.ok(same.length > 0 && same.every((f, i) => f === before[i]), 'the same finding objects');
  const changed = defaultConfig();
  changed.severities['privileged-container'] = 'warning';
  ws.setConfig(changed);
  const after = ws.analyze('file:///w/pod.yaml')!.findings;
  assert.equal(after.find((f) => f.rule === 'privileged-container')?.severity, 'warning');
  assert.equal(before.find((f) => f.rule === 'privileged-container')?.severity, 'error');
});

test('a suppression comment that ends the previous document applies to the next one\'s first line, also after an edit of that document only', () => {
  const ws = new Workspace({ rules: RULES });
  const ingress = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules: []\n';
  const withComment = `settings: {level: debug}\n... # daytwo-ignore deprecated-api -- a cluster we cannot upgrade yet\n${ingress}`;
  const without = `settings: {level: info}\n...\n${ingress}`;
  const deprecated = () => ws.analyze('file:///w/mixed.yaml')!.findings.find((f) => f.rule === 'deprecated-api');
  ws.update('file:///w/mixed.yaml', withComment);
  assert.equal(deprecated()?.suppressed?.kind, 'comment');
  ws.update('file:///w/mixed.yaml', without);
  assert.ok(deprecated() && !deprecated()!.suppressed, 'the Ingress document is reused, its suppression is not');
  ws.update('file:///w/mixed.yaml', withComment);
  assert.equal(deprecated()?.suppressed?.kind, 'comment');
});
