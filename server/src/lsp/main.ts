/** Entry point: `node dist/server.js --stdio` (or IPC when started by the VS Code client). */

import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
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
  // stdout carries the protocol: what a library prints goes to the client's log instead (the library
  // does this itself when it sets up stdio).
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = console.trace = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
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
