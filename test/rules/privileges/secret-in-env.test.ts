import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { secretLikeName } from '../../../server/src/rules/privileges/secret-in-env';
import { lineOf } from './lineOf';

const app = (env: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: billing, namespace: shop}
  spec:
    selector: {matchLabels: {app: billing}}
    template:
      metadata: {labels: {app: billing}}
      spec:
        containers:
        - name: billing
          image: ghcr.io/acme/billing:4.2.0
          env:
          ${env}
`;

test('secret-in-env: literal credential values are flagged at the value key, and the message never contains the value', () => {
  const text = app([
    '- name: DB_PASSWORD',
    '            value: hunter2-Sup3r',
    '          - {name: STRIPE_API_KEY, value: sk_live_51Habc}',
    '          - {name: githubToken, value: ghp_abcdef0123456789}',
    '          - {name: LOG_LEVEL, value: debug}',
  ].join('\n'));
  const f = lintRule('secret-in-env', text);
  assert.deepEqual(f.map((x) => x.text), ['value', 'value', 'value']);
  assert.equal(f[0].line, lineOf(text, 'value: hunter2'));
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /sets DB_PASSWORD to a literal value/);
  for (const x of f) {
    assert.doesNotMatch(x.message, /hunter2|sk_live|ghp_/);
  }
});

test('secret-in-env: valueFrom, empty values, file paths, Secret names, URLs and $(VAR) references are not flagged', () => {
  const text = app([
    '- name: DB_PASSWORD',
    '            valueFrom: {secretKeyRef: {name: billing-db, key: password}}',
    '          - {name: REDIS_PASSWORD, value: ""}',
    '          - {name: PASSWORD_FILE, value: /run/secrets/db-password}',
    '          - {name: TOKEN_PATH, value: /var/run/secrets/tokens/vault}',
    '          - {name: SECRET_NAME, value: billing-db}',
    '          - {name: OAUTH_TOKEN_URL, value: "https://auth.example.com/oauth/token"}',
    '          - {name: SECRETS_DIR, value: /etc/billing/secrets}',
    '          - {name: JWT_TOKEN_TTL, value: "3600"}',
    '          - {name: PGPASSWORD, value: $(DB_PASSWORD)}',
    '          - {name: AWS_ACCESS_KEY_ID, value: AKIAIOSFODNN7EXAMPLE}',
    '          - {name: PWD, value: /app}',
  ].join('\n'));
  assert.deepEqual(lintRule('secret-in-env', text), []);
});

test('secret-in-env: private keys and URLs with a password are flagged whatever the name', () => {
  const text = app([
    '- name: DATABASE_URL',
    '            value: postgres://billing:s3cret@db.shop.svc:5432/billing',
    '          - name: TLS_MATERIAL',
    '            value: |',
    '              -----BEGIN RSA PRIVATE KEY-----',
    '              MIIEowIBAAKCAQEA',
    '              -----END RSA PRIVATE KEY-----',
  ].join('\n'));
  const f = lintRule('secret-in-env', text);
  assert.equal(f.length, 2);
  assert.match(f[0].message, /DATABASE_URL to a URL with an embedded password/);
  assert.match(f[1].message, /TLS_MATERIAL to a private key/);
  assert.doesNotMatch(f[0].message, /s3cret/);
});

test('secretLikeName: common spellings', () => {
  for (const n of ['DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'API_KEY', 'apiKey', 'CLIENT_SECRET', 'SLACK_BOT_TOKEN', 'PRIVATE_KEY', 'DB_PASS', 'AWS_SECRET_ACCESS_KEY', 'MYSQL_PWD']) {
    assert.ok(secretLikeName(n), n);
  }
  for (const n of ['PASSWORD_FILE', 'TOKEN_PATH', 'SECRET_NAME', 'AUTH_URL', 'PWD', 'KEY', 'TOKENIZER_MODEL', 'PASSWORD_MIN_LENGTH', 'SECRET_KEY_REF']) {
    assert.ok(!secretLikeName(n), n);
  }
});
