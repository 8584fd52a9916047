/** Entry point: `node dist/server.js --stdio` (or IPC when started by the VS Code client). */

import { Console } from 'node:console';
import { Writable } from 'node:stream';
import type { Connection } from 'vscode-languageserver/node';
import { createConnection, ProposedFeatures } from './languageServer';
import { DaytwoServer } from './server';
import { StdioMessageWriter } from './stdioWriter';

/**
 * Over stdio, messages are written by Daytwo's writer (see stdioWriter.ts); every other transport
 * (`--node-ipc`, `--socket`, `--pipe`) is set up by vscode-languageserver from the arguments.
 */
function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // At run time the library wraps only what is a stream (stdin) and takes a MessageWriter as it is;
  // its typed overloads pair streams with streams. It still ends the server when stdin closes.
  const writer = new StdioMessageWriter(process.stdout, true) as unknown as NodeJS.WritableStream;
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer);
  routeConsole(connection);
  return connection;
}

/**
 * stdout carries the protocol, so what a library prints goes to the client's log instead, by every
 * console method (log, dir, table, count, trace with its stack, ...), as the library arranges itself
 * when it sets up stdio.
 */
function routeConsole(connection: Connection): void {
  const to = (send: (line: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        send(String(chunk).replace(/\n$/, ''));
        done();
      },
    });
  const routed = new Console({ stdout: to((l) => connection.console.log(l)), stderr: to((l) => connection.console.error(l)) });
  // A Console's methods are bound to it: they can be put on the global console as they are.
  for (const [name, method] of Object.entries(routed)) if (typeof method === 'function') (console as unknown as Record<string, unknown>)[name] = method;
}

const connection = connect();
new DaytwoServer(connection);
connection.listen();

// A bug must cost one request, not the server: log and keep serving.
process.on('unhandledRejection', (e) => {
  try {
    connection.console.error(`daytwo: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } catch {
    // ignore
  }
});
process.on('uncaughtException', (e) => {
  try {
    connection.console.error(`daytwo: uncaught exception: ${e.stack ?? e.message}`);
  } catch {
    // ignore
  }
});
