/** Entry point: `node dist/server.js --stdio` (or IPC when started by the VS Code client). */

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DaytwoServer } from './server';

const connection = createConnection(ProposedFeatures.all);
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
