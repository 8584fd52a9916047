import { asArray, asString, isDict } from '../../engine/object';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';

/** Last words that make a secret-sounding name refer to something else: a file, a path, a Secret's name, a URL, a duration. */
const NOT_A_SECRET = new Set([
  'FILE', 'FILES', 'FILENAME', 'PATH', 'DIR', 'DIRECTORY', 'FOLDER', 'MOUNT', 'LOCATION', 'NAME', 'NAMES', 'REF', 'URL', 'URI', 'ENDPOINT',
  'ADDR', 'ADDRESS', 'HOST', 'PORT', 'TTL', 'EXPIRY', 'EXPIRATION', 'EXPIRES', 'LIFETIME', 'TIMEOUT', 'INTERVAL', 'DURATION', 'LENGTH', 'LEN',
  'SIZE', 'COUNT', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'TYPE', 'KIND', 'HEADER', 'FIELD', 'ALGORITHM', 'ALG', 'ID', 'NAMESPACE',
  'PREFIX', 'SUFFIX', 'AUDIENCE', 'ISSUER', 'VERSION', 'MODE', 'POLICY', 'PROVIDER', 'STORE', 'REGION', 'USER', 'USERNAME', 'FORMAT',
  'KEY_ID', 'ROTATION', 'REFRESH', 'LIMIT', 'MIN', 'MAX', 'REQUIRED', 'STRENGTH', 'COMPLEXITY', 'HASH', 'SALT_ROUNDS', 'ROUNDS',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** Does an environment variable name say it holds a credential? */
export function secretLikeName(name: string): boolean {
  const w = words(name);
  if (!w.length) return false;
  const last = w[w.length - 1];
  if (NOT_A_SECRET.has(last) || (w.length >= 2 && NOT_A_SECRET.has(`${w[w.length - 2]}_${last}`))) return false;
  for (let i = 0; i < w.length; i++) {
    const word = w[i];
    const next = w[i + 1];
    if (/PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL/.test(word)) return true;
    if (word === 'TOKEN' || /(AUTH|ACCESS|API|BEARER|REFRESH|SESSION|BOT|GITHUB|GITLAB|SLACK|NPM|PAT)TOKEN$/.test(word)) return true;
    if (/^(API|PRIVATE|ACCESS|SECRET|SIGNING|ENCRYPTION|LICENSE|MASTER)KEY$/.test(word)) return true;
    if (next === 'KEY' && /^(API|PRIVATE|ACCESS|SIGNING|ENCRYPTION|MASTER|LICENSE|SSH|ACCOUNT|STORAGE)$/.test(word)) return true;
    // DB_PASS, MYSQL_PWD: short forms only as the last word of a longer name (PWD alone is the working directory).
    if (i === w.length - 1 && i > 0 && (word === 'PASS' || word === 'PWD' || word === 'PW')) return true;
  }
  return false;
}

/** Values that are not a credential even under a secret-like name. */
function harmlessValue(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (/^(\/|\.\/|~\/|file:)/.test(v)) return true; // a path to a mounted file
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v) || /\{\{.*\}\}/.test(v) || /^\$\{[^}]+\}$/.test(v)) return true; // a reference, filled in later
  if (/^(true|false|yes|no|on|off|enabled|disabled)$/i.test(v)) return true;
  return false;
}

const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/** scheme://user:password@host, where the password is not a $(VAR) reference. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:(?!\$\()[^\s/@]+@/i;

export default defineRule({
  id: 'secret-in-env',
  category: 'privileges',
  severity: 'warning',
  description: 'An environment variable with a secret-like name (PASSWORD, TOKEN, SECRET, API_KEY, PRIVATE_KEY…) has a literal value.',
  rationale:
    'A credential written into a manifest is stored in plain text in Git history, in the object readable by anyone who may get the workload, and in every copy of the manifest. Put it in a Secret (or an external secret store) and reference it with valueFrom.secretKeyRef. Names that refer to a file, path, Secret name, URL or duration (PASSWORD_FILE, TOKEN_PATH, SECRET_NAME) and empty values or $(VAR) references are not reported; private keys and URLs with an embedded password are, whatever the name.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-linter env-var-secret', 'Polaris sensitiveContainerEnvVar'],
  examples: {
    bad: `env:
- name: DB_PASSWORD
  value: hunter2\n`,
    good: `env:
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef: {name: db, key: password}
- name: DB_PASSWORD_FILE
  value: /run/secrets/db/password\n`,
  },
  check({ object, report }) {
    for (const c of allContainers(object)) {
      asArray(c.container.env).forEach((e, i) => {
        if (!isDict(e)) return;
        const name = asString(e.name);
        const value = e.value;
        if (!name || e.valueFrom !== undefined || value === undefined || value === null) return;
        const text = typeof value === 'string' ? value : String(value);
        let what: string | undefined;
        if (PEM_KEY.test(text)) what = 'a private key';
        else if (URL_WITH_PASSWORD.test(text.trim())) what = 'a URL with an embedded password';
        else if (secretLikeName(name) && !harmlessValue(text)) what = 'a literal value';
        if (!what) return;
        // Never repeat the value: messages end up in CI logs and SARIF reports.
        report({
          path: [...c.path, 'env', i, 'value'],
          message: `Container '${c.name}' of ${object.display} sets ${name} to ${what} in the manifest: the credential is readable by anyone with the manifest or the object; reference a Secret with valueFrom.secretKeyRef.`,
        });
      });
    }
  },
});
