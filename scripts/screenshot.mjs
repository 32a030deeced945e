#!/usr/bin/env node
// Takes the README screenshots in a real VS Code (code-server + Chromium, see
// scripts/e2e.mjs): `node scripts/screenshot.mjs [folder]`, folder defaulting
// to examples/. Writes images/screenshot-hover.png (a hover in the Dockerfile)
// and images/screenshot-problems.png (the Problems panel).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureTestHost } from './test-host/install.mjs';
import { ROOT, ensureBuilt, freePort, launchChromium, startCodeServer } from './test-host/launch.mjs';

const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;
const SQUIGGLES = '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error';

async function main() {
  const folder = resolve(ROOT, process.argv[2] ?? 'examples');
  const files = existsSync(folder) ? readdirSync(folder) : [];
  if (!files.includes('Dockerfile')) throw new Error(`${folder} has no Dockerfile`);
  const compose = files.find((name) => /^(docker-)?compose(\..+)?\.ya?ml$/.test(name));
  const images = join(ROOT, 'images');
  mkdirSync(images, { recursive: true });

  const paths = ensureTestHost();
  ensureBuilt();
  const settings = {
    'workbench.colorTheme': 'Default Dark Modern',
    // Below the hovered line, the hover leaves the top of the file in view.
    'editor.hover.above': false,
    // Keeps the Dockerfile open when the compose file opens, so the Problems panel lists both.
    'workbench.editor.enablePreview': false,
  };
  const server = await startCodeServer({ paths, port: await freePort(), settings });
  const browser = await launchChromium(paths).catch(async (error) => {
    await server.stop();
    throw error;
  });
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  process.once('SIGINT', () => void close().then(() => process.exit(130)));
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(server.workbenchUrl({ folder, extensionDevelopmentPaths: [ROOT] }));

    await openFromExplorer(page, 'Dockerfile');
    const squiggle = page.locator(SQUIGGLES).first();
    await squiggle.waitFor();
    const envKeyword = page.locator('.monaco-editor .view-line span span').filter({ hasText: /^ENV$/ }).first();
    await showHover(page, (await envKeyword.count()) > 0 ? envKeyword : squiggle);
    await save(page, join(images, 'screenshot-hover.png'));

    await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height / 2);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-hover').filter({ visible: true }).waitFor({ state: 'detached' });
    if (compose) {
      await openFromExplorer(page, compose);
      await page.locator('.editor-group-container.active').locator(SQUIGGLES).first().waitFor();
    }
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    await save(page, join(images, 'screenshot-problems.png'));
  } finally {
    await close();
  }
}

async function openFromExplorer(page, name) {
  await page.locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true }).click();
  await page.locator('.tab.active').filter({ hasText: name }).waitFor();
}

/** Moves the mouse onto `target` until the editor shows a hover with content. */
async function showHover(page, target) {
  const box = await target.boundingBox();
  if (!box) throw new Error('the hover target is not visible');
  const hover = page.locator('.monaco-hover').filter({ visible: true }).filter({ hasNotText: 'Loading' }).first();
  const deadline = Date.now() + TIMEOUT_MS;
  // The editor opens a hover after a mouse move that rests on a word; a move
  // can be missed while the editor is still busy, so keep nudging.
  for (let nudge = 0; Date.now() < deadline; nudge = 1 - nudge) {
    await page.mouse.move(box.x + box.width / 2 + nudge, box.y + box.height / 2, { steps: 4 });
    const shown = await hover.waitFor({ timeout: 2_000 }).then(() => true, () => false);
    if (shown) return;
  }
  throw new Error(`no hover appeared within ${TIMEOUT_MS / 1000} s`);
}

async function save(page, file) {
  await page.screenshot({ path: file });
  console.log(`wrote ${relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
