// Shared by the e2e runner, `npm start` and the screenshots: starts code-server
// (VS Code 1.139 in a browser, with the real Node extension host) and drives
// Debian's Chromium with playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HOST = '127.0.0.1';

/** The repository root: the extension under test. */
export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

// A plain workbench: no welcome page, chat or tips competing with the editor.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/** Resolves to `preferred` when it is free on 127.0.0.1, else to a free port chosen by the OS. */
export async function freePort(preferred = 0) {
  const tryListen = (port) =>
    new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, HOST, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryListen(preferred);
    } catch {
      // Taken: fall through to any free port.
    }
  }
  return tryListen(0);
}

/**
 * Starts code-server with throw-away user data, extensions and config folders.
 * Resolves once it listens; `stop()` ends it with all its children and deletes
 * the folders.
 */
export async function startCodeServer({ paths, port, settings = {}, env = {}, verbose = false, startTimeoutMs = 60_000 }) {
  const tmp = mkdtempSync(join(tmpdir(), 'dockhand-code-server-'));
  const dir = (name) => {
    const path = join(tmp, name);
    mkdirSync(path);
    return path;
  };
  const userData = dir('user-data');
  mkdirSync(join(userData, 'User'));
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const args = [
    paths.codeServerEntry,
    '--bind-addr', `${HOST}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', dir('extensions'),
    // Makes the workbench read the `payload` query parameter, which is how
    // extensionDevelopmentPath and extensionTestsPath reach it.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const childEnv = { ...process.env };
  // Set when this runs in a VS Code or code-server terminal: code-server would
  // then act as a CLI of that instance instead of starting a server.
  for (const name of Object.keys(childEnv)) {
    if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete childEnv[name];
  }
  // code-server lets $PORT override --bind-addr.
  delete childEnv.PORT;
  Object.assign(childEnv, {
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    ...env,
  });

  // Its own process group, so stop() also reaches the extension host and the
  // language servers it starts.
  const child = spawn(paths.node, args, { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk) => {
    output += chunk;
    if (verbose) process.stderr.write(String(chunk).replace(/^(?=.)/gm, '[code-server] '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM');
        const ended = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
        if (!ended) killGroup(child.pid, 'SIGKILL');
      }
      // Children that ignored SIGTERM, e.g. a language server.
      killGroup(child.pid, 'SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    })();
    return stopped;
  };

  const listening = new Promise((resolve) => {
    const check = () => {
      if (output.includes('HTTP server listening')) {
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
  });
  try {
    await Promise.race([
      listening,
      exited.then(({ code, signal }) => {
        throw new Error(`code-server exited during start (${signal ?? `exit code ${code}`})`);
      }),
      delay(startTimeoutMs).then(() => {
        throw new Error(`code-server did not report "HTTP server listening" within ${startTimeoutMs / 1000} s`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- code-server output ---\n${output.trim()}`, { cause: error });
  }

  const origin = `http://${HOST}:${port}`;
  return {
    port,
    origin,
    exited,
    stop,
    output: () => output,
    /**
     * The workbench URL for `folder`, loading the development extensions and,
     * when given, running the extension tests. Paths are absolute on this
     * machine; the remote authority must equal the Host of the page.
     */
    workbenchUrl({ folder, extensionDevelopmentPaths = [], extensionTestsPath }) {
      const remote = (path) => `vscode-remote://${HOST}:${port}${path}`;
      const payload = extensionDevelopmentPaths.map((path) => ['extensionDevelopmentPath', remote(path)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      payload.push(['skipWelcome', 'true']);
      const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
      return `${origin}/?${query}`;
    },
  };
}

/** Runs the extension's build (scripts/build.mjs, `npm run build`) when its output is missing. */
export function ensureBuilt() {
  const outputs = ['dist/extension.js', 'dist/server.js', 'dist/server-analysis.js'];
  if (outputs.every((file) => existsSync(join(ROOT, file)))) return;
  console.log('building the extension (node scripts/build.mjs)...');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed (node scripts/build.mjs)');
  const missing = outputs.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) throw new Error(`the build did not produce ${missing.join(', ')}`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Launches the system Chromium headless; never a Playwright-downloaded browser.
 * Callers handle Ctrl+C themselves, so that code-server is stopped too.
 */
export function launchChromium(paths) {
  return chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
  });
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
