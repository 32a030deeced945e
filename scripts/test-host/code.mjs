#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests()
// spawns: it takes the same command line, runs the extension tests in
// code-server (VS Code 1.139 with the real Node extension host) inside a
// headless Chromium, relays the test output and exits with the tests' code.
//
// Environment: DOCKHAND_E2E_TIMEOUT_MS (default 300000) bounds the whole run;
// DOCKHAND_E2E_VERBOSE=1 also shows code-server's and the browser's own output.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { testHostPaths } from './install.mjs';
import { delay, freePort, launchChromium, startCodeServer } from './launch.mjs';

const timeoutMs = Number(process.env.DOCKHAND_E2E_TIMEOUT_MS) || 300_000;
const verbose = process.env.DOCKHAND_E2E_VERBOSE === '1';
let interrupted = false;

function parseArgs(argv) {
  const extensionDevelopmentPaths = [];
  let extensionTestsPath;
  let folder;
  for (const arg of argv) {
    if (arg.startsWith('--extensionDevelopmentPath=')) {
      extensionDevelopmentPaths.push(resolve(arg.slice('--extensionDevelopmentPath='.length)));
    } else if (arg.startsWith('--extensionTestsPath=')) {
      extensionTestsPath = resolve(arg.slice('--extensionTestsPath='.length));
    } else if (!arg.startsWith('-')) {
      folder = resolve(arg);
    }
    // Other flags (--no-sandbox, --user-data-dir=..., ...) are desktop
    // Electron's; code-server gets its own throw-away folders instead.
  }
  if (!extensionTestsPath) throw new Error('missing --extensionTestsPath=');
  if (!folder) throw new Error('missing the workspace folder (runTests launchArgs: [folder])');
  return { extensionDevelopmentPaths, extensionTestsPath, folder };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const paths = testHostPaths();
  if (!existsSync(paths.marker)) throw new Error('the test host is not installed: run node scripts/test-host/install.mjs');
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length > 0) await cleanups.pop()().catch(() => {});
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`e2e: ${signal}, stopping VS Code`);
      void cleanup().then(() => process.exit(1));
    });
  }

  try {
    const server = await startCodeServer({ paths, port: await freePort(), verbose });
    cleanups.push(server.stop);
    const browser = await launchChromium(paths);
    cleanups.push(() => browser.close());
    const page = await browser.newPage();

    let finish;
    let testsEnded = false;
    const finished = new Promise((resolve) => (finish = resolve));
    // Receives the workbench's log, which includes the extension host's
    // console output while extension tests run.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = formatLog(args);
      // After the test run the workbench logs its own shutdown errors.
      if (verbose || (!testsEnded && !isWorkbenchChatter(line))) {
        (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
      }
    });
    // The workbench calls this when the extension host ends the test run,
    // passing the exit code and the workbench's log files.
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      testsEnded = true;
      if (code !== 0) saveLogs(logs);
      finish(code);
    });
    if (verbose) {
      page.on('console', (message) => console.error(`[browser ${message.type()}] ${message.text()}`));
    }
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));

    await page.goto(server.workbenchUrl(options));
    let done = false;
    const code = await Promise.race([
      finished,
      server.exited.then(({ code, signal }) => {
        if (done) return 1;
        console.error(`e2e: code-server exited before the tests finished (${signal ?? `exit code ${code}`})`);
        console.error(server.output().trim());
        return 1;
      }),
      delay(timeoutMs).then(() => {
        if (done) return 1;
        console.error(
          `e2e: timed out after ${timeoutMs / 1000} s waiting for the tests to finish ` +
            '(set DOCKHAND_E2E_VERBOSE=1 to see the code-server and browser output)',
        );
        return 1;
      }),
    ]);
    done = true;
    await cleanup();
    return code;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

// The arguments of the console call, e.g. mocha's ('%s%s', indent, title).
function formatLog(args) {
  return format(...(Array.isArray(args) ? args : [args]));
}

// What code-server 4.139 logs on every start, and the native modules the lite
// install leaves out (spdlog, watchdog, sqlite: logging, crash detection and
// the agent host, none used by extension tests). DOCKHAND_E2E_VERBOSE=1 shows all.
const WORKBENCH_CHATTER = [
  /^\[(ChatModelSelection|AgentHost|AgentHost:remote|RemoteAgentHostProtocol|AccountPolicyGate|Service Worker|reconnection-grace-time)\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^No search provider registered for scheme/,
  /^(Ignoring fetching|Updating) additional builtin extensions/,
  /Could not locate the bindings file|Cannot find module '[./]*build\/Release\/(watchdog|vscode-sqlite3)/,
];

function isWorkbenchChatter(line) {
  return WORKBENCH_CHATTER.some((pattern) => pattern.test(line));
}

function saveLogs(logs) {
  if (!Array.isArray(logs) || logs.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-e2e-logs-'));
  for (const { relativePath, contents } of logs) {
    const file = join(dir, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  console.error(`e2e: VS Code logs saved in ${dir}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // When interrupted, the signal handler cleans up and exits.
    if (interrupted) return;
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
