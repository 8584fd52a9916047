// End-to-end: the packaged .vsix installed into a fresh code-server (VS Code 1.139 in a browser),
// used through the UI with headless chromium, on a copy of examples/:
//   squiggles and Problems entries for known findings, a quick fix applied from the light bulb,
//   the Readiness tree with the expected workloads, the status bar score, a snippet, the report.
// usage: node test/e2e/e2e.mjs <path.vsix> [screenshotDir]
// Prints one line per check and "N passed, N failed"; exits 1 if any check failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkInstalled, installVsix, launchBrowser, listExtensions, makeProfile, startCodeServer } from './host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsix = path.resolve(process.argv[2] ?? path.join(root, 'daytwo-0.1.0.vsix'));
const shots = path.resolve(process.argv[3] ?? path.join(root, 'test', 'e2e', 'screenshots', 'tmp'));
const TIMEOUT = Number(process.env.DAYTWO_E2E_STEP_TIMEOUT_MS || 90000);
fs.mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const lap = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let passed = 0;
let failed = 0;
let page;

async function check(name, fn, { critical = false } = {}) {
  try {
    await page?.keyboard.press('Escape').catch(() => {});
    let detail;
    try {
      detail = await fn();
    } catch (first) {
      // The workbench can miss a keystroke or be slow to paint on a loaded machine: one more try,
      // reported, before the check counts as failed.
      console.log(`retry [${lap()}] ${name}: ${(first && first.message) || first}`);
      await page?.keyboard.press('Escape').catch(() => {});
      await page?.keyboard.press('Escape').catch(() => {});
      detail = await fn();
    }
    passed++;
    console.log(`ok   [${lap()}] ${name}${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (e) {
    failed++;
    console.log(`FAIL [${lap()}] ${name}: ${(e && e.message) || e}`);
    const shot = path.join(shots, `fail-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page?.screenshot({ path: shot }).catch(() => {});
    if (critical) throw new Error(`stopping: ${name} failed`);
    return false;
  }
}

const shot = (name) => page.screenshot({ path: path.join(shots, name) });

/** Runs a command from the command palette by its title. */
async function runCommand(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: TIMEOUT });
  await row.click();
}

async function openFile(rel) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(rel);
  const base = path.basename(rel);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${base}"]`).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${base}"]`).first().waitFor({ timeout: TIMEOUT });
}

async function goTo(line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
}

/** The text of the active editor, read through the model (the DOM only holds visible lines). */
async function editorText() {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')];
    return lines.map((l) => l.textContent).join('\n');
  });
}

async function problemsText() {
  return page.locator('.markers-panel').innerText();
}

async function waitForProblems(pred, what) {
  await page.waitForFunction(
    ([src]) => {
      const p = document.querySelector('.markers-panel');
      // eslint-disable-next-line no-new-func
      return !!p && new Function('t', src)(p.innerText);
    },
    [pred],
    { timeout: TIMEOUT },
  ).catch(async () => {
    throw new Error(`${what}; Problems panel says:\n${await problemsText().catch(() => '(none)')}`);
  });
}

async function main() {
  checkInstalled();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run npm run package`);
  // A copy of examples/, so the fixes applied here never touch the repository.
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'd2-ws-'));
  fs.cpSync(path.join(root, 'examples'), ws, { recursive: true });
  fs.writeFileSync(path.join(ws, 'snippet.yaml'), ''); // the snippet check types into it
  const profile = makeProfile();
  let server;
  let browser;
  try {
    await check('the .vsix installs into code-server', () => {
      installVsix(profile, vsix);
      const list = listExtensions(profile);
      if (!/daytwo\.daytwo@/.test(list)) throw new Error(`not listed: ${list}`);
      return list.trim();
    }, { critical: true });

    server = await startCodeServer(profile, { log: path.join(profile.ud, 'code-server.log') });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${server.url}?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded', timeout: 3 * TIMEOUT });
    await check('the workbench opens the examples folder', async () => {
      await page.locator('.explorer-folders-view .monaco-list-row[aria-label*="web"]').first().waitFor({ timeout: TIMEOUT });
    }, { critical: true });

    // --- diagnostics: Problems panel and squiggles ---------------------------------------------
    await openFile('web/deployment.yaml');
    await page.keyboard.press('Control+Shift+M');
    // Only this file's entries (the panel draws only the rows in view).
    await check('Problems panel lists the known findings of web/deployment.yaml', async () => {
      // Opened and filtered inside the check, so a retry repairs a missed keystroke or a garbled filter.
      if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
      await page.getByPlaceholder(/^Filter \(e\.g\./).first().fill('**/web/deployment.yaml', { timeout: 10000 }).catch((e) => console.log(`(no Problems filter: ${e.message.split('\n')[0]})`));
      await waitForProblems("return t.includes('probe-port-unknown') && t.includes('secret-in-env') && t.includes('mesh-annotation-misplaced')", 'expected probe-port-unknown, secret-in-env and mesh-annotation-misplaced');
      const t = await problemsText();
      if (!/uses port 'web', which the container does not declare/.test(t)) throw new Error(`message text missing:\n${t}`);
      return 'probe-port-unknown, secret-in-env, mesh-annotation-misplaced';
    });
    await goTo(71, 19);
    await check('squiggles are drawn in the editor', async () => {
      // The editor draws only the visible lines: line 71 (probe-port-unknown, an error) is in view.
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor [class*="squiggly-error"]').length > 0, null, { timeout: TIMEOUT });
      const e = await page.locator('.monaco-editor [class*="squiggly-error"]').count();
      return `${e} error squiggle(s) drawn around line 71`;
    });
    await check('hover shows the rule rationale', async () => {
      const token = page.locator('.editor-group-container.active .view-line', { hasText: 'port: web' }).locator('span', { hasText: /^web$/ }).first();
      await token.hover();
      const hover = page.locator('.monaco-hover-content', { hasText: 'probe-port-unknown' }).first();
      await hover.waitFor({ timeout: TIMEOUT });
      return (await hover.innerText()).split('\n')[0];
    });
    await shot('diagnostics.png');
    await page.keyboard.press('Escape');

    // --- a quick fix from the light bulb --------------------------------------------------------
    await check('a quick fix from the light bulb repairs the liveness probe port', async () => {
      // The cursor is already at 71:19 (the squiggle and hover checks put it there). Going to the same
      // place again moves nothing, so the editor would not ask for code actions again; if its first
      // answer came before the diagnostics (a cold first session), the light bulb never appears.
      // Leaving the line and coming back makes the editor ask, here and on this check's retry.
      await goTo(70, 1);
      await goTo(71, 19);
      const bulb = page.locator('.lightBulbWidget, .codicon-light-bulb, .codicon-lightbulb-autofix').first();
      await bulb.waitFor({ timeout: TIMEOUT });
      await bulb.click();
      const menu = page.locator('.action-widget:visible').first();
      await menu.waitFor({ state: 'visible', timeout: TIMEOUT });
      const item = menu.getByText(/port to 'http'/).first();
      await item.waitFor({ timeout: TIMEOUT });
      const title = (await item.innerText()).trim();
      await shot('quickfix.png');
      await item.click();
      await page.waitForFunction(() => [...document.querySelectorAll('.editor-group-container.active .view-line')]
        .filter((l) => l.textContent.replace(/\u00a0/g, ' ').trim() === 'port: http').length >= 2, null, { timeout: TIMEOUT });
      // The server re-checks the edited text: the error squiggle goes away and the Problems entry too.
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor [class*="squiggly-error"]').length === 0, null, { timeout: TIMEOUT });
      await waitForProblems("return !t.includes('probe-port-unknown')", 'probe-port-unknown should be gone after the fix');
      return `applied "${title}"`;
    });

    // --- the readiness panel ------------------------------------------------------------------------
    await check('the Readiness tree shows the score and the expected workloads', async () => {
      // (the error-count badge covers part of the icon: force the click)
      await page.locator('.activitybar .action-item a[aria-label^="Daytwo"], .activitybar .action-item[aria-label^="Daytwo"]').first().click({ force: true });
      const tree = page.locator('.pane', { hasText: 'Readiness' }).locator('.monaco-list').first();
      await tree.locator('.monaco-list-row', { hasText: 'Workspace score' }).waitFor({ timeout: TIMEOUT });
      // Widen the side bar so labels are readable in the screenshot.
      const bar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
      if (bar) {
        await page.mouse.move(bar.x + bar.width + 1, bar.y + 200);
        await page.mouse.down();
        await page.mouse.move(bar.x + 620, bar.y + 200, { steps: 8 });
        await page.mouse.up();
      }
      for (const w of ['Deployment/storefront', 'StatefulSet/orders-db', 'Deployment/payments-api', 'Job/migrate-orders']) {
        await tree.locator('.monaco-list-row', { hasText: w }).first().waitFor({ timeout: TIMEOUT });
      }
      for (const ns of ['shop', 'payments']) await tree.locator('.monaco-list-row', { hasText: ns }).first().waitFor({ timeout: TIMEOUT });
      // Expand one workload down to its findings.
      await tree.locator('.monaco-list-row', { hasText: 'Deployment/payments-api' }).first().locator('.monaco-tl-twistie').click();
      await tree.locator('.monaco-list-row', { hasText: 'mesh' }).first().waitFor({ timeout: TIMEOUT });
      const rows = await tree.locator('.monaco-list-row').allInnerTexts();
      await shot('readiness-tree.png');
      return rows.slice(0, 8).map((r) => r.replace(/\s+/g, ' ')).join(' | ');
    });
    await check('clicking a finding in the tree reveals its range in the editor', async () => {
      const tree = page.locator('.pane', { hasText: 'Readiness' }).locator('.monaco-list').first();
      const cat = tree.locator('.monaco-list-row', { hasText: /^mesh/ }).first();
      await cat.waitFor({ timeout: TIMEOUT });
      const finding = tree.locator('.monaco-list-row', { hasText: 'mesh-annotation-value' }).first();
      if (!(await finding.isVisible())) await cat.click();
      await finding.waitFor({ timeout: TIMEOUT });
      await finding.click();
      await page.locator('.tab.active[aria-label*="payments-api.yaml"]').waitFor({ timeout: TIMEOUT });
      return 'payments-api.yaml opened at the finding';
    });

    // --- the status bar score --------------------------------------------------------------------
    await check('the status bar shows the workspace score and opens the panel', async () => {
      const item = page.locator('.statusbar-item', { hasText: /Daytwo \d+/ }).first();
      await item.waitFor({ timeout: TIMEOUT });
      const text = (await item.innerText()).trim();
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-item[aria-label^="Explorer"]').first().click({ force: true });
      await item.click();
      await page.locator('.monaco-list-row', { hasText: 'Workspace score' }).first().waitFor({ timeout: TIMEOUT });
      await shot('status-bar.png');
      return text;
    });

    // --- a snippet ---------------------------------------------------------------------------------
    await check('the k8s-deployment snippet expands into a manifest without warnings', async () => {
      await openFile('snippet.yaml');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.type('k8s-deploy');
      await page.keyboard.press('Control+Space');
      const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'k8s-deployment' }).first();
      await row.waitFor({ timeout: TIMEOUT });
      await shot('snippet-suggest.png');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.locator('.view-line', { hasText: 'automountServiceAccountToken: false' }).first().waitFor({ timeout: TIMEOUT });
      await page.keyboard.press('Control+S');
      // The Readiness tree lists the new workload; its icon is its worst severity: no error or warning.
      await runCommand('Daytwo: Show Readiness');
      const wl = page.locator('.monaco-list-row', { hasText: 'Deployment/web' }).first();
      await wl.waitFor({ timeout: TIMEOUT });
      await page.waitForFunction(() => {
        const r = [...document.querySelectorAll('.monaco-list-row')].find((x) => x.textContent.includes('Deployment/web'));
        return r && r.querySelector('.codicon-info, .codicon-pass') && !r.querySelector('.codicon-error, .codicon-warning');
      }, null, { timeout: TIMEOUT }).catch(async () => { throw new Error(`the snippet's workload has an error or warning: ${await wl.innerText()}`); });
      await shot('snippet.png');
      return 'expanded; no error or warning for snippet.yaml';
    });

    // --- the report ----------------------------------------------------------------------------------
    await check('Daytwo: Export Readiness Report writes Markdown', async () => {
      await runCommand('Daytwo: Export Readiness Report');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: TIMEOUT });
      // The simple save dialog fills in its proposed path itself: typing before it has done so gets
      // the two concatenated. Wait for its proposal, then replace it.
      await page
        .waitForFunction(() => /daytwo-readiness/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), null, { timeout: 10_000 })
        .catch(() => {});
      await input.fill(path.join(ws, 'readiness.md'));
      await page.keyboard.press('Enter');
      // The simple save dialog may keep its proposed name (daytwo-readiness.md) when typing races the
      // dialog's own fill: either file is the command doing its job.
      const candidates = [path.join(ws, 'readiness.md'), path.join(ws, 'daytwo-readiness.md')];
      const found = () => candidates.find((c) => fs.existsSync(c));
      for (const end = Date.now() + TIMEOUT; !found() && Date.now() < end;) await new Promise((r) => setTimeout(r, 200));
      const dest = found();
      if (!dest) throw new Error(`no report written (looked for ${candidates.join(', ')})`);
      const md = fs.readFileSync(dest, 'utf8');
      for (const s of ['# Daytwo readiness report', 'Deployment/storefront', 'Requested resources per namespace']) if (!md.includes(s)) throw new Error(`report lacks ${s}`);
      return `${md.split('\n').length} lines`;
    });
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(profile.ud, { recursive: true, force: true });
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  failed++;
  console.log(`FAIL [${lap()}] ${e.message}`);
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
console.log(`screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
