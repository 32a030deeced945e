#!/usr/bin/env node
// `npm run test:e2e`: runs test/e2e/suite in a real VS Code with the extension
// loaded from this repository.
//
// The VS Code is code-server 4.139.1 (VS Code 1.139.1, real Node extension
// host) in a headless Chromium, installed once into ~/.cache/dockhand-test-host
// by scripts/test-host/install.mjs (override with DOCKHAND_TEST_HOST_CACHE).
// @vscode/test-electron's runTests() drives it through
// scripts/test-host/code.mjs, which takes VS Code's command line.
//
// With internet, DOCKHAND_E2E_VSCODE=download lets runTests download desktop
// VS Code instead (on Linux run it under `xvfb-run -a`).
//
// Other knobs: DOCKHAND_E2E_TIMEOUT_MS (default 300000), DOCKHAND_E2E_VERBOSE=1.
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestHost } from './test-host/install.mjs';
import { ROOT, ensureBuilt } from './test-host/launch.mjs';

const SUITE = join(ROOT, 'test', 'e2e', 'suite');
const OUT = join(ROOT, 'out', 'e2e');
const download = process.env.DOCKHAND_E2E_VSCODE === 'download';

async function bundleSuite() {
  rmSync(OUT, { recursive: true, force: true });
  const entryPoints = readdirSync(SUITE)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => join(SUITE, name));
  await esbuild.build({
    entryPoints,
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

async function main() {
  const started = Date.now();
  if (!download) ensureTestHost();
  ensureBuilt();
  await bundleSuite();

  // Tests edit files, so each run gets a fresh copy of the fixture workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'dockhand-e2e-workspace-'));
  // On exit rather than in `finally`: runTests() exits the process on Ctrl+C.
  process.once('exit', () => rmSync(workspace, { recursive: true, force: true }));
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  await runTests({
    ...(download ? {} : { vscodeExecutablePath: join(ROOT, 'scripts', 'test-host', 'code.mjs') }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(OUT, 'index.js'),
    launchArgs: [workspace, '--disable-extensions'],
  });
  console.log(`e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
