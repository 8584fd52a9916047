/**
 * Findings never repeat a secret: manifests carrying distinctive secret values (env literals, Secret
 * data and stringData, annotations, args, URLs with passwords, private keys, values of the wrong type)
 * are scanned, and no value appears in the engine's findings (messages and fix data), the CLI's JSON,
 * SARIF and text output, or the server's diagnostics and hovers.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules/registry';
import { LspClient } from '../lsp/lspClient';
import { runCli } from './run';
import { tempDir } from '../tempDir';

/** Each secret is distinctive; part of it (the marker) must never appear either. */
const SECRETS = {
  envPassword: 'hunter2-QZX7001',
  envToken: 'ghp_QZX7002abcdefghijklmnopqrstuvwxyz',
  apiKey: 'AKIAQZX7003EXAMPLE',
  urlPassword: 'Pa55QZX7004',
  pem: 'MIIEvQIBADANBgkqQZX7005hkiG9w0BAQEFAASC',
  secretData: 'c3VwZXItc2VjcmV0LVFaWDcwMDY=', // base64
  stringData: 'plain-QZX7007-secret',
  annotation: 'annot-QZX7008-token',
  arg: 'argpass-QZX7009',
  numeric: '7010987654321',
  brokenQuote: 'broken-QZX7011',
  badBase64: 'not base64 QZX7012 !!',
  lastApplied: 'applied-QZX7013',
  configMapPassword: 'cm-QZX7014',
};

const MARKERS = ['QZX70', '7010987654321'];

const MANIFESTS: Record<string, string> = {
  'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  annotations:
    example.com/api-token: ${SECRETS.annotation}
    kubectl.kubernetes.io/last-applied-configuration: '{"password":"${SECRETS.lastApplied}"}'
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
      annotations:
        vault.example.com/secret: ${SECRETS.annotation}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          args: ["--password=${SECRETS.arg}", "--token", "${SECRETS.arg}"]
          env:
            - name: DB_PASSWORD
              value: ${SECRETS.envPassword}
            - name: GITHUB_TOKEN
              value: "${SECRETS.envToken}"
            - name: AWS_SECRET_ACCESS_KEY
              value: ${SECRETS.apiKey}
            - name: DATABASE_URL
              value: postgres://app:${SECRETS.urlPassword}@db.shop:5432/app
            - name: TLS_KEY
              value: |
                -----BEGIN PRIVATE KEY-----
                ${SECRETS.pem}
                -----END PRIVATE KEY-----
            - name: API_PIN
              value: ${SECRETS.numeric}
            - name: SESSION_SECRET
              value: ${SECRETS.numeric}
`,
  'secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  annotations:
    example.com/password: ${SECRETS.annotation}
type: Opaque
data:
  password: ${SECRETS.secretData}
  broken: ${SECRETS.badBase64}
  number: ${SECRETS.numeric}
stringData:
  token: ${SECRETS.stringData}
  nested: {inner: ${SECRETS.stringData}}
`,
  'configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  DB_PASSWORD: ${SECRETS.configMapPassword}
  count: ${SECRETS.numeric}
`,
  'broken.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: broken
stringData:
  password: "${SECRETS.brokenQuote}
`,
  'escape.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: escape
stringData:
  password: "${SECRETS.brokenQuote}\\q\\xZZ"
  password: dup-${SECRETS.brokenQuote}
`,
};

function assertNoSecret(where: string, text: string) {
  for (const m of MARKERS) {
    const i = text.indexOf(m);
    assert.equal(i, -1, `${where} repeats a secret: …${text.slice(Math.max(0, i - 80), i + 40)}…`);
  }
}

test('secrets: the engine finds the credentials and repeats none of them (messages, fixes, everything)', () => {
  const ws = new Workspace({ rules: RULES });
  for (const [name, text] of Object.entries(MANIFESTS)) ws.update(`file:///ws/${name}`, text);
  const all = Object.keys(MANIFESTS).flatMap((name) => ws.analyze(`file:///ws/${name}`)!.findings);
  const secretFindings = all.filter((f) => f.rule === 'secret-in-env');
  assert.ok(secretFindings.length >= 5, `secret-in-env finds the literals: ${secretFindings.map((f) => f.message).join('\n')}`);
  for (const name of ['DB_PASSWORD', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'DATABASE_URL', 'TLS_KEY']) {
    assert.ok(secretFindings.some((f) => f.message.includes(name)), `the finding names ${name}`);
  }
  assertNoSecret('engine findings', JSON.stringify(all));
});

test('secrets: CLI JSON, SARIF and text output repeat no secret', () => {
  const dir = tempDir('daytwo-secrets-');
  for (const [name, text] of Object.entries(MANIFESTS)) fs.writeFileSync(path.join(dir, name), text);
  for (const format of ['json', 'sarif', 'text']) {
    const r = runCli(['scan', '.', '--format', format, '--no-color'], dir);
    assert.equal(r.code, 1, r.stderr);
    if (format === 'json') assert.ok(JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'secret-in-env'));
    assertNoSecret(`cli ${format} stdout`, r.stdout);
    assertNoSecret(`cli ${format} stderr`, r.stderr);
  }
});

test('secrets: server diagnostics (with their data) and hovers over every secret repeat no secret', { timeout: 300_000 }, async () => {
  const dir = fs.realpathSync(tempDir('daytwo-secrets-lsp-'));
  const client = new LspClient();
  try {
    await client.initialize(dir);
    const uris: string[] = [];
    for (const [name, text] of Object.entries(MANIFESTS)) {
      const uri = pathToFileURL(path.join(dir, name)).href;
      uris.push(uri);
      client.open(uri, text);
    }
    for (const uri of uris) await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { timeoutMs: 120_000 });
    const deploy = client.diagnostics.get(uris[0])!;
    assert.ok(deploy.diagnostics.some((d) => d.code === 'secret-in-env'));
    assertNoSecret('server diagnostics', JSON.stringify([...client.diagnostics.values()]));
    // Hover on every line that holds a secret, at its key and its value, and on each diagnostic.
    for (const [i, [, text]] of Object.entries(MANIFESTS).entries()) {
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        if (!MARKERS.some((m) => lines[line].includes(m)) && !/PASSWORD|TOKEN|KEY|password|token/.test(lines[line])) continue;
        for (const character of [2, lines[line].indexOf(':') + 3, lines[line].length - 2]) {
          const h = await client.request('textDocument/hover', { textDocument: { uri: uris[i] }, position: { line, character: Math.max(0, character) } });
          assertNoSecret(`hover ${Object.keys(MANIFESTS)[i]}:${line + 1}:${character}`, JSON.stringify(h ?? ''));
        }
      }
    }
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: uris[0] },
      range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } },
      context: { diagnostics: deploy.diagnostics },
    }).catch(() => null);
    assertNoSecret('code actions', JSON.stringify(actions ?? ''));
    assertNoSecret('server log', client.stderr + JSON.stringify(client.notifications.filter((n) => n.method !== 'textDocument/publishDiagnostics')));
  } finally {
    await client.shutdown();
  }
});
