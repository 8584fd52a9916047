/** `npm run docs`: writes docs/rules/*.md and the README's rule table from the registry. */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../rules/registry';
import { renderRuleDoc, updateReadme } from './render';

const root = process.argv[2] ?? process.cwd();
const dir = path.join(root, 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const wanted = new Set(RULES.map((r) => `${r.id}.md`));
for (const f of fs.readdirSync(dir)) if (f.endsWith('.md') && !wanted.has(f)) fs.unlinkSync(path.join(dir, f));
for (const rule of RULES) fs.writeFileSync(path.join(dir, `${rule.id}.md`), renderRuleDoc(rule));
const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, updateReadme(fs.readFileSync(readmePath, 'utf8'), RULES));
console.log(`wrote ${RULES.length} rule pages to docs/rules and the README table`);
