/** Fix-all over a temp copy of examples/: every file still parses and fewer findings remain. */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules/registry';
import { listFiles } from '../../server/src/cli/files';
import { fixAll, parseErrorCount, workspaceAnalyzer } from '../../server/src/fixes';
import { tempDir } from '../tempDir';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

test('fix-all on a copy of examples/ keeps every file parsing and leaves fewer findings', (t) => {
  const files = fs.existsSync(EXAMPLES) ? listFiles([EXAMPLES]).files : [];
  if (!files.length) return t.skip('examples/ is empty');
  const dir = tempDir('daytwo-examples-');
  try {
    fs.cpSync(EXAMPLES, dir, { recursive: true });
    const copies = listFiles([dir]).files;
    const ws = new Workspace({ rules: RULES, root: dir });
    const uris = copies.map((f) => pathToFileURL(f).href);
    copies.forEach((f, i) => ws.update(uris[i], fs.readFileSync(f, 'utf8')));
    const count = () => uris.reduce((n, u) => n + (ws.analyze(u)?.findings.filter((f) => !f.suppressed).length ?? 0), 0);
    const before = count();
    let applied = 0;
    copies.forEach((f, i) => {
      const text = fs.readFileSync(f, 'utf8');
      const res = fixAll(text, workspaceAnalyzer(ws, uris[i]));
      applied += res.applied.length;
      assert.ok(parseErrorCount(res.text) <= parseErrorCount(text), `${path.relative(dir, f)} still parses`);
      fs.writeFileSync(f, res.text);
    });
    const after = count();
    if (applied > 0) assert.ok(after < before, `fewer findings after fix-all (${before} -> ${after})`);
    else assert.equal(after, before);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
