#!/usr/bin/env node
// Takes the README screenshots in a real VS Code (code-server + Chromium, see
// scripts/e2e.mjs) from the current build: `node scripts/screenshot.mjs [folder]`,
// folder defaulting to examples/. The folder is copied to a temporary
// workspace, with two more files for the quick fix and the snippet. Writes:
//   images/screenshot-hover.png         the ENV hover, squiggles in view
//   images/screenshot-problems.png      the Problems panel
//   images/screenshot-tini-before.png   the "Add tini" quick fix offered on CMD
//   images/screenshot-tini-after.png    the Dockerfile once it is applied
//   images/screenshot-snippet.png       a multistage snippet being inserted
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ensureTestHost } from './test-host/install.mjs';
import { ROOT, ensureBuilt, freePort, launchChromium, startCodeServer } from './test-host/launch.mjs';

const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;
const SQUIGGLES = '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error';

// A small service without an init: Dockhand offers "Add tini" on its CMD.
const API_DOCKERFILE = `FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
`;

async function main() {
  const source = resolve(ROOT, process.argv[2] ?? 'examples');
  const files = existsSync(source) ? readdirSync(source) : [];
  if (!files.includes('Dockerfile')) throw new Error(`${source} has no Dockerfile`);
  const compose = files.find((name) => /^(docker-)?compose(\..+)?\.ya?ml$/.test(name));
  const images = join(ROOT, 'images');
  mkdirSync(images, { recursive: true });

  const workspace = mkdtempSync(join(tmpdir(), 'dockhand-screenshots-'));
  const folder = join(workspace, 'examples');
  cpSync(source, folder, { recursive: true });
  mkdirSync(join(folder, 'api'));
  writeFileSync(join(folder, 'api', 'Dockerfile'), API_DOCKERFILE);
  mkdirSync(join(folder, 'worker'));
  writeFileSync(join(folder, 'worker', 'Dockerfile'), '');

  const paths = ensureTestHost();
  ensureBuilt();
  const settings = {
    'workbench.colorTheme': 'Default Dark Modern',
    // Below the hovered line, the hover leaves the top of the file in view.
    'editor.hover.above': false,
    // Keeps the Dockerfile open when the compose file opens, so the Problems panel lists both.
    'workbench.editor.enablePreview': false,
    // The snippet's preview beside the suggestion list.
    'editor.suggest.showInlineDetails': true,
  };
  const server = await startCodeServer({ paths, port: await freePort(), settings });
  const browser = await launchChromium(paths).catch(async (error) => {
    await server.stop();
    throw error;
  });
  const close = async () => {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void close().then(() => process.exit(130)));
  let page;
  try {
    page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(server.workbenchUrl({ folder, extensionDevelopmentPaths: [ROOT] }));

    // Diagnostics and the ENV hover.
    await openFromExplorer(page, 'Dockerfile');
    const squiggle = page.locator(SQUIGGLES).first();
    await squiggle.waitFor();
    await page.locator('.statusbar').getByText('Activating Extensions').waitFor({ state: 'detached' });
    const envKeyword = page.locator('.monaco-editor .view-line span span').filter({ hasText: /^ENV$/ }).first();
    await showHover(page, (await envKeyword.count()) > 0 ? envKeyword : squiggle);
    await save(page, join(images, 'screenshot-hover.png'));
    await dismissHover(page);

    // The Problems panel, with the compose file's findings too.
    if (compose) {
      await openFromExplorer(page, compose);
      await page.locator('.editor-group-container.active').locator(SQUIGGLES).first().waitFor();
    }
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    await save(page, join(images, 'screenshot-problems.png'));
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });

    // "Add tini" offered as a quick fix on CMD, then applied.
    await quickOpen(page, 'api/Dockerfile');
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.squiggly-info').first().waitFor();
    await goToLine(page, 8);
    await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 100);
    // Ctrl+. opens the code actions once the editor has the focus back; press again until they show.
    const tini = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Add tini' }).first();
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+.');
      if (await tini.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
      if (attempt === 5) throw new Error('the code actions did not show');
      await page.keyboard.press('Escape');
    }
    await tini.hover();
    await save(page, join(images, 'screenshot-tini-before.png'));
    await tini.click();
    await editor.locator('.view-line').filter({ hasText: 'ENTRYPOINT' }).waitFor();
    // The file is analysed again: the pid1-without-init squiggle goes.
    await editor.locator('.squiggly-info').first().waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await save(page, join(images, 'screenshot-tini-after.png'));

    // A multistage snippet being inserted into an empty Dockerfile.
    await quickOpen(page, 'worker/Dockerfile');
    await page.locator('.editor-group-container.active .monaco-editor .view-line').first().click();
    await page.keyboard.type('multistage-py', { delay: 40 });
    // Typing opens the suggestions; a busy editor may miss it, then Ctrl+Space asks for them.
    const suggestion = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'multistage-python' }).first();
    for (let attempt = 0; !(await suggestion.waitFor({ timeout: 3_000 }).then(() => true, () => false)); attempt++) {
      if (attempt === 5) throw new Error('the suggestions did not show');
      await page.keyboard.press('Control+Space');
    }
    // Ctrl+Space toggles the suggestion's details (the snippet's preview) until they show.
    const details = page.locator('.suggest-details-container .suggest-details').filter({ hasText: 'FROM python' });
    for (let attempt = 0; !(await details.waitFor({ timeout: 2_000 }).then(() => true, () => false)); attempt++) {
      if (attempt === 5) throw new Error("the snippet's details did not show");
      await page.keyboard.press('Control+Space');
    }
    await save(page, join(images, 'screenshot-snippet.png'));
  } catch (error) {
    // What the workbench showed when a step failed.
    await page?.screenshot({ path: join(tmpdir(), 'dockhand-screenshot-failure.png') }).catch(() => {});
    console.error(`screenshot: the page at the failure is in ${join(tmpdir(), 'dockhand-screenshot-failure.png')}`);
    throw error;
  } finally {
    await close();
  }
}

async function openFromExplorer(page, name) {
  await page.locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true }).click();
  await page.locator('.tab.active').filter({ hasText: name }).waitFor();
}

/** Opens a file of the workspace by its relative path with Quick Open (Ctrl+P). */
async function quickOpen(page, path) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(path);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: path.split('/')[0] }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.tab.active').filter({ hasText: path.split('/').pop() }).waitFor();
}

async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
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

async function dismissHover(page) {
  await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height / 2);
  await page.keyboard.press('Escape');
  await page.locator('.monaco-hover').filter({ visible: true }).waitFor({ state: 'detached' });
}

async function save(page, file) {
  await page.screenshot({ path: file });
  console.log(`wrote ${relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
