import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { K8sObject } from '../../server/src/engine/object';
import { WorkspaceIndex } from '../../server/src/engine/workspaceIndex';
import { describeFieldAt, pathAt } from '../../server/src/schema/describe';
import { yaml } from '../helpers';

const text = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 2
    template:
      spec:
        containers:
        - name: web
          image: nginx:1.27
          ports:
          - containerPort: 80
          resources:
            limits:
              memory: 1Gi
`;

function hoverAt(needle: string, src = text, index?: WorkspaceIndex): string | undefined {
  const doc = parseDocument(src);
  const obj = new K8sObject(doc.toJS(), 'file:///t.yaml', 0, doc);
  return describeFieldAt(obj, doc, src.indexOf(needle) + 1, index);
}

test('pathAt finds the key or value under the cursor', () => {
  const doc = parseDocument(text);
  assert.deepEqual(pathAt(doc, text.indexOf('containerPort') + 2), ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort']);
  assert.deepEqual(pathAt(doc, text.indexOf('nginx') + 2), ['spec', 'template', 'spec', 'containers', 0, 'image']);
});

test('hover on a field shows its path, type and OpenAPI description', () => {
  const h = hoverAt('replicas')!;
  assert.match(h, /^\*\*spec\.replicas\*\* `integer`/);
  assert.match(h, /Number of desired pods/);
  const c = hoverAt('containers')!;
  assert.match(c, /`\[\]Container`/);
  assert.match(c, /List of containers belonging to the pod/);
  const m = hoverAt('memory')!;
  assert.match(m, /quantity/);
  const p = hoverAt('containerPort')!;
  assert.match(p, /spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort/);
});

test('hover on an unknown field or kind gives nothing', () => {
  assert.equal(hoverAt('replicaz', text.replace('replicas', 'replicaz')), undefined);
  assert.equal(hoverAt('replicas', text.replace('apps/v1', 'example.com/v1')), undefined);
});

test('hover on a custom resource field uses its workspace CRD description', () => {
  const crdText = yaml`
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: backups.ops.example.com}
    spec:
      group: ops.example.com
      names: {kind: Backup, plural: backups}
      scope: Namespaced
      versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                properties:
                  schedule:
                    type: string
                    description: Cron expression of the backup run.
  `;
  const crdDoc = parseDocument(crdText);
  const index = new WorkspaceIndex();
  index.setFile('file:///crd.yaml', [new K8sObject(crdDoc.toJS(), 'file:///crd.yaml', 0, crdDoc)]);
  const cr = 'apiVersion: ops.example.com/v1\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n';
  const h = hoverAt('schedule', cr, index)!;
  assert.match(h, /spec\.schedule\*\* `string`/);
  assert.match(h, /Cron expression of the backup run/);
  assert.match(hoverAt('name', cr, index)!, /Name must be unique within a namespace/);
});
