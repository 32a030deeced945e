// The extension test entry point VS Code loads (`--extensionTestsPath`): runs
// the bundled *.test.js files next to it with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, workspaceFile } from './helpers';

export async function run(): Promise<void> {
  const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  console.log(
    `e2e: running in VS Code ${vscode.version} (${vscode.env.appName}, ${ui} UI, ` +
      `extension host on Node ${process.versions.node}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''})`,
  );
  await reportActivation();

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} e2e test${failures === 1 ? '' : 's'} failed`);
}

/** Opens the workspace Dockerfile and reports how long the extension took to activate. */
async function reportActivation(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    console.log(`e2e: extension ${EXTENSION_ID} is not loaded`);
    return;
  }
  const started = Date.now();
  await vscode.workspace.openTextDocument(workspaceFile('Dockerfile'));
  try {
    await waitFor(() => extension.isActive, 20_000, `${EXTENSION_ID} to activate`);
    console.log(`e2e: ${EXTENSION_ID} activated ${Date.now() - started} ms after a Dockerfile was opened`);
    const timing = await waitFor(async () => {
      const value = await vscode.commands.executeCommand<{ bundleEvaluationMs: number; activateMs: number; clientLoadMs?: number; serverReadyMs?: number }>('dockhand.activationTime');
      return value.serverReadyMs !== undefined && value;
    }, 20_000, 'the Dockhand server');
    const own = timing.bundleEvaluationMs + timing.activateMs;
    console.log(
      `e2e: activation time ${own.toFixed(1)} ms in the extension host (bundle evaluation ${timing.bundleEvaluationMs.toFixed(1)} ms + activate() ${timing.activateMs.toFixed(1)} ms). ` +
        `After activation, asynchronously: the language client library loaded in ${timing.clientLoadMs?.toFixed(0)} ms and the server answered initialize ${timing.serverReadyMs?.toFixed(0)} ms after activate()`,
    );
  } catch (error) {
    console.log(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  }
}
