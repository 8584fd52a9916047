/**
 * The language server's main thread answers the editor; its other threads (V8's compilers and
 * garbage-collection helpers, Node's own) do work that can wait a little. On a machine with few
 * cores they compete for the same CPU: on two cores, measured on the 10,700-line benchmark file, the
 * main thread spent milliseconds of a keystroke waiting to run while V8 compiled the code the previous
 * keystrokes had made hot. Lowering the other threads' priority lets the main thread run first; they
 * still get every core the main thread leaves idle, which is most of the time.
 *
 * Linux only: there, a thread id given to setpriority() names that one thread. (Elsewhere the same
 * call would lower the whole process.) Raising a thread's nice value needs no privilege; any failure
 * leaves the threads as they were. Threads started later by the main thread (libuv's pool, on a
 * first asynchronous file or DNS call) take its priority: the server's file reads are synchronous.
 * Should a busy machine starve the helpers, the main thread does their share of a collection itself
 * (V8's parallel phases are joined by the thread that waits on them).
 */

import * as fs from 'node:fs';
import * as os from 'node:os';

/** How much nicer the other threads are than the main one: well below it, not starved by a busy machine. */
export const BACKGROUND_NICE_OFFSET = 10;

/** Lowers the priority of every thread of this process but the calling (main) one; returns how many were lowered. */
export function lowerBackgroundThreads(platform: NodeJS.Platform = process.platform): number {
  if (platform !== 'linux') return 0;
  let tasks: string[];
  try {
    tasks = fs.readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  // A /proc of another pid namespace (some sandboxes) names other ids: then do nothing.
  if (!tasks.includes(String(process.pid))) return 0;
  // Relative to the main thread's own priority: a server started niced stays niced, and its helpers below it.
  const nice = Math.min(19, os.getPriority() + BACKGROUND_NICE_OFFSET);
  let lowered = 0;
  for (const task of tasks) {
    const tid = Number(task);
    // The main thread's id is the process id.
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try {
      os.setPriority(tid, nice);
      lowered++;
    } catch {
      // A thread that ended meanwhile, or a system that refuses: leave it.
    }
  }
  return lowered;
}
