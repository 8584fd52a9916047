/**
 * Runs the extension tests (mocha inside the extension host) with @vscode/test-electron.
 * test-electron normally downloads VS Code; offline, give it an installed one:
 *   VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:vscode
 * Without it, the stand-in `test/vscode/code-shim.mjs` is used: it runs the same tests inside
 * code-server's extension host (installed by scripts/e2e-setup.sh), driven by headless chromium.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const shim = path.join(root, 'test', 'vscode', 'code-shim.mjs');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || shim;
  // The tests edit files: they work on a copy of examples/.
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'd2-vscode-ws-'));
  fs.cpSync(path.join(root, 'examples'), ws, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { DAYTWO_TEST_WORKSPACE: ws },
    });
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`extension tests failed: ${e.message}`);
  process.exit(1);
});
