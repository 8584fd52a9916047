/** Server-side completion: mesh keys and values, rule ids in ignore comments, `.daytwo.yaml`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { complete, parentPath } from '../../server/src/lsp/completion';
import { RULES } from '../../server/src/rules/registry';
import { yaml } from '../helpers';

/** Completes at the `|` in the text. */
function at(textWithCursor: string, isConfigFile = false): CompletionItem[] | null {
  const i = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  return complete(text, { line: before.length - 1, character: before[before.length - 1].length }, { isConfigFile });
}

function labels(items: CompletionItem[] | null): string[] {
  return (items ?? []).map((i) => i.label);
}

function edit(item: CompletionItem): TextEdit {
  return item.textEdit as TextEdit;
}

const DEPLOYMENT_HEAD = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      metadata:
        labels:
          app: web
        annotations:
`;

test('parentPath follows indentation and sequence items', () => {
  const lines = yaml`
    spec:
      template:
        spec:
          containers:
            - name: web
              image: x
              ports:
                - containerPort: 80
  `.split('\n');
  assert.deepEqual(parentPath(lines, 5, 10), ['spec', 'template', 'spec', 'containers', '-']);
  assert.deepEqual(parentPath(lines, 7, 14), ['spec', 'template', 'spec', 'containers', '-', 'ports']);
  assert.deepEqual(parentPath(lines, 2, 4), ['spec', 'template']);
});

test('mesh annotation keys are offered under a pod template\'s metadata.annotations, with docs and values', () => {
  const items = at(DEPLOYMENT_HEAD + '        sidecar.istio.io/pro|\n');
  const names = labels(items);
  assert.ok(names.includes('sidecar.istio.io/proxyCPU'), names.slice(0, 10).join(','));
  assert.ok(names.includes('linkerd.io/inject'));
  assert.ok(names.includes('daytwo.dev/ignore'));
  const inject = items!.find((i) => i.label === 'linkerd.io/inject')!;
  const doc = (inject.documentation as { value: string }).value;
  assert.match(doc, /Valid values: `enabled`, `disabled`, `ingress`/);
  // The key replaces what was typed and the value is a choice of the valid values, quoted.
  assert.deepEqual(edit(inject).range, { start: { line: 10, character: 8 }, end: { line: 10, character: 28 } });
  assert.equal(edit(inject).newText, 'linkerd.io/inject: "${1|enabled,disabled,ingress|}"');
  // Deprecated keys sort last and are tagged.
  const deprecated = items!.find((i) => i.label === 'sidecar.istio.io/inject');
  assert.ok(deprecated && deprecated.tags?.includes(1) && deprecated.sortText!.startsWith('1'));
});

test('labels under the pod template offer mesh labels only', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    spec:
      template:
        metadata:
          labels:
  ` + '        |\n';
  const names = labels(at(text));
  assert.ok(names.includes('sidecar.istio.io/inject'));
  assert.ok(!names.includes('linkerd.io/inject'), 'linkerd.io/inject is an annotation, not a label');
});

test('CronJob pod templates and Pods count as pod templates; containers do not', () => {
  const cron = yaml`
    apiVersion: batch/v1
    kind: CronJob
    spec:
      jobTemplate:
        spec:
          template:
            metadata:
              annotations:
  ` + '            |\n';
  assert.ok(labels(at(cron)).includes('linkerd.io/inject'));
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    |\n';
  assert.ok(labels(at(pod)).includes('sidecar.istio.io/proxyCPU'));
  const container = yaml`
    kind: Deployment
    spec:
      template:
        spec:
          containers:
            - name: web
  ` + '              |\n';
  assert.equal(at(container), null);
});

test('values of a mesh key are completed from its valid values', () => {
  const items = at(DEPLOYMENT_HEAD + '        linkerd.io/inject: |\n');
  assert.deepEqual(labels(items), ['enabled', 'disabled', 'ingress']);
  assert.equal(edit(items![0]).newText, '"enabled"');
  const quoted = at(DEPLOYMENT_HEAD + '        sidecar.istio.io/inject: "t|\n');
  assert.deepEqual(labels(quoted), ['true', 'false']);
  assert.equal(edit(quoted![0]).newText, 'true');
  assert.deepEqual(edit(quoted![0]).range.start, { line: 10, character: 34 });
});

test('rule ids are offered in # daytwo-ignore comments, after a comma, not in the reason', () => {
  const base = yaml`
    kind: Deployment
    spec:
      template:
        spec:
          containers:
            - name: web
  `;
  const items = at(base + '              # daytwo-ignore run-as|\n');
  assert.equal(items!.length, RULES.length);
  const r = items!.find((i) => i.label === 'run-as-root')!;
  assert.ok(r, 'run-as-root offered');
  assert.deepEqual(edit(r).range, { start: { line: 6, character: 30 }, end: { line: 6, character: 36 } });
  assert.match((r.documentation as { value: string }).value, /root/i);
  assert.ok(labels(at(base + '              # daytwo-ignore run-as-root, |\n')).includes('privileged-container'));
  assert.equal(at(base + '              # daytwo-ignore run-as-root -- legacy |\n'), null);
  assert.ok(labels(at('metadata:\n  annotations:\n    daytwo.dev/ignore: "run-as-root,|\n')).includes('privileged-container'));
});

test('.daytwo.yaml: top-level keys, rule ids under rules, severities, exemption rules, limits', () => {
  const top = at('|\n', true);
  assert.deepEqual(labels(top).sort(), ['exemptions', 'ignore', 'kubernetesVersion', 'limits', 'rules']);
  assert.match((top!.find((i) => i.label === 'kubernetesVersion')!.documentation as { value: string }).value, /MAJOR\.MINOR/);
  const rules = at('rules:\n  run-|\n', true);
  assert.equal(rules!.length, RULES.length);
  assert.equal(edit(rules!.find((i) => i.label === 'run-as-root')!).newText, 'run-as-root: ');
  assert.deepEqual(labels(at('rules:\n  run-as-root: |\n', true)), ['error', 'warning', 'info', 'off']);
  assert.deepEqual(labels(at('rules:\n  run-as-root:\n    severity: |\n', true)), ['error', 'warning', 'info', 'off']);
  assert.deepEqual(labels(at('rules:\n  run-as-root:\n    |\n', true)).sort(), ['options', 'severity']);
  assert.deepEqual(labels(at('limits:\n  max|\n', true)).sort(), ['maxAliasCount', 'maxDepth', 'maxDocuments', 'maxFileSize']);
  assert.deepEqual(labels(at('exemptions:\n  - |\n', true)).sort(), ['kind', 'name', 'namespace', 'reason', 'rule']);
  assert.ok(labels(at('exemptions:\n  - rule: |\n', true)).includes('run-as-root'));
  assert.ok(labels(at('exemptions:\n  - kind: Deployment\n    rule: priv|\n', true)).includes('privileged-container'));
  // A manifest is not a config file: no config keys there.
  assert.equal(at('|\n', false), null);
});
