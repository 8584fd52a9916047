/**
 * The server lowers the priority of its other threads, not its main one: read back from
 * /proc/<pid>/task/<tid>/stat (the nice value is its 19th field) of a real server process.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BACKGROUND_NICE_OFFSET, lowerBackgroundThreads } from '../../server/src/boot/threadPriority';
import { LspClient } from '../lsp/lspClient';

// After the command name, which is in parentheses and may itself hold ") ".
const niceOf = (pid: number, tid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[16]);
};

test('the language server runs its main thread at its own priority and its other threads lower', { skip: process.platform !== 'linux' && 'Linux only' }, async () => {
  const client = new LspClient();
  try {
    // Answering means the loader has run.
    await client.initialize();
    const pid = client.proc.pid!;
    const own = niceOf(process.pid, process.pid);
    const threads = fs.readdirSync(`/proc/${pid}/task`).map(Number);
    assert.ok(threads.length > 1, 'Node runs helper threads');
    assert.equal(niceOf(pid, pid), own, 'the main thread keeps the priority it was started with');
    const expected = Math.min(19, own + BACKGROUND_NICE_OFFSET);
    for (const tid of threads.filter((t) => t !== pid)) assert.equal(niceOf(pid, tid), expected, `thread ${tid}`);
  } finally {
    await client.shutdown();
  }
});

test('lowerBackgroundThreads does nothing off Linux, where a thread id would name the whole process', () => {
  assert.equal(lowerBackgroundThreads('darwin'), 0);
  assert.equal(lowerBackgroundThreads('win32'), 0);
});
