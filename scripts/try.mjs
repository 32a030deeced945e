#!/usr/bin/env node
// `npm start [folder]`: try Dockhand in VS Code without installing VS Code.
// Serves VS Code (code-server) on 127.0.0.1 with this repository loaded as a
// development extension and `folder` (default examples/) as the workspace.
// The port is $PORT, else 8080 when free, else any free port.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureTestHost } from './test-host/install.mjs';
import { ROOT, ensureBuilt, freePort, startCodeServer } from './test-host/launch.mjs';

async function main() {
  const folder = resolve(ROOT, process.argv[2] ?? 'examples');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`no folder ${folder}`);

  const paths = ensureTestHost();
  ensureBuilt();
  const port = process.env.PORT ? Number(process.env.PORT) : await freePort(8080);
  const server = await startCodeServer({ paths, port, verbose: process.env.DOCKHAND_VERBOSE === '1' });

  let stopping = false;
  const stop = (code) => {
    stopping = true;
    void server.stop().then(() => process.exit(code));
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  void server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`code-server stopped unexpectedly (${signal ?? `exit code ${code}`})\n${server.output().trim()}`);
    stop(1);
  });

  const url = server.workbenchUrl({ folder, extensionDevelopmentPaths: [ROOT] });
  const files = readdirSync(folder).filter((name) => !name.startsWith('.'));
  const first = files.find((name) => /dockerfile|containerfile/i.test(name)) ?? files[0];
  console.log(`\nDockhand is running in VS Code at ${url}\n`);
  if (first) {
    console.log(`Open ${relative(ROOT, join(folder, first))} from the Explorer: problems are underlined;`);
    console.log('hover a keyword or a squiggle, press Ctrl+. for quick fixes, Ctrl+Shift+M for the Problems panel.');
  }
  console.log('Press Ctrl+C to stop.');
}

main().catch((error) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
