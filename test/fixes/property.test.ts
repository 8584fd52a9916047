/**
 * Property: on realistic manifests in many layouts, applying any finding's fix removes that finding and
 * the text still parses. Also the two ignore actions silence it.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Workspace } from '../../server/src/engine/workspace';
import type { Finding } from '../../server/src/engine/types';
import { RULES } from '../../server/src/rules/registry';
import { applyIgnoreObject, applyOps, ignoreLineEdit, parseErrorCount } from '../../server/src/fixes';
import { CORPUS } from './corpus';

const URI = 'file:///ws/test.yaml';

function analyze(text: string): Finding[] {
  const ws = new Workspace({ rules: RULES, root: '/ws' });
  ws.update(URI, text);
  return ws.analyze(URI)!.findings.filter((f) => !f.suppressed);
}

const same = (a: Finding) => (b: Finding) => b.rule === a.rule && b.message === a.message;

for (const [name, text] of Object.entries(CORPUS)) {
  test(`every fix on ${name} removes its finding and keeps the file parsing`, () => {
    assert.equal(parseErrorCount(text), 0, 'the corpus file parses');
    const findings = analyze(text);
    const fixable = findings.filter((f) => f.fix && f.fix.ops.length);
    assert.ok(fixable.length > 0, `${name} has fixable findings`);
    for (const f of fixable) {
      const what = `${f.rule}: ${f.fix!.title}`;
      const out = applyOps(text, f.docIndex, f.fix!.ops);
      assert.notEqual(out, text, `${what} changes the text`);
      assert.equal(parseErrorCount(out), 0, `${what} keeps the file parsing:\n${out}`);
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), `${what} keeps CRLF`);
      if (text.startsWith('\ufeff')) assert.ok(out.startsWith('\ufeff') && !out.slice(1).includes('\ufeff'), `${what} keeps the BOM`);
      const after = analyze(out);
      assert.ok(!after.some(same(f)), `${what} removes the finding:\n${out}`);
    }
  });

  test(`the ignore actions silence every finding on ${name}`, () => {
    const findings = analyze(text);
    for (const f of findings) {
      const e = ignoreLineEdit(text, f.range.start, f.rule);
      const out = text.slice(0, e.start) + e.text + text.slice(e.end);
      assert.equal(parseErrorCount(out), 0, `ignore-line for ${f.rule} parses`);
      assert.ok(!analyze(out).some(same(f)), `ignore-line silences ${f.rule} ${f.message}:\n${out}`);
      if (f.object) {
        const out2 = applyIgnoreObject(text, f.docIndex, f.rule);
        assert.equal(parseErrorCount(out2), 0, `ignore-object for ${f.rule} parses`);
        assert.ok(!analyze(out2).some(same(f)), `ignore-object silences ${f.rule}:\n${out2}`);
      }
    }
  });
}
