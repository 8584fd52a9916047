// The floor: single-threaded `yaml` parsing (parseAllDocuments, what any positional linter needs) of
// the given files or folders, in a fresh process. Prints JSON { files, documents, ms } where ms is the
// time spent reading and parsing (process start-up excluded; the caller measures wall time too).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

const files = [];
const walk = (p) => {
  const st = fs.statSync(p);
  if (st.isFile()) files.push(p);
  else for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
};
for (const p of process.argv.slice(2)) walk(p);

const t0 = performance.now();
let documents = 0;
for (const f of files) {
  if (!/\.ya?ml$/.test(f)) continue;
  documents += parseAllDocuments(fs.readFileSync(f, 'utf8')).length;
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ files: files.length, documents, ms }) + '\n');
