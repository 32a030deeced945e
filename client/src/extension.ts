// The VS Code face: starts the language server and owns the UI (commands,
// status, output). No analysis here: everything is asked of the server.
import { bundleEvaluationStarted } from './timing';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EffectiveConfigurationProvider, effectiveConfigurationScheme } from './effective-configuration';
import type { StartedClient } from './language-client';
import { refactorCommands, runRefactor } from './refactor-commands';
import { newDockerfileFromTemplate, type TemplateChoice } from './template-command';

// After every import above has been evaluated: the end of loading this bundle
// (the language client library is not among them: it loads after activation).
const bundleEvaluated = performance.now();

let started: StartedClient | undefined;

/** Milliseconds, on the extension host's clock (the dockhand.activationTime command). */
export interface ActivationTiming {
  /** Evaluating the bundle up to activate(). */
  bundleEvaluationMs: number;
  /** activate() itself. */
  activateMs: number;
  /** Loading the language client library and starting the client, after activate() returned. */
  clientLoadMs: number | undefined;
  /** From activate() until the server answered `initialize`; undefined while starting. */
  serverReadyMs: number | undefined;
}

export function activate(context: vscode.ExtensionContext): void {
  const activateStarted = performance.now();
  const timing: ActivationTiming = { bundleEvaluationMs: bundleEvaluated - bundleEvaluationStarted, activateMs: 0, clientLoadMs: undefined, serverReadyMs: undefined };
  const output = vscode.window.createOutputChannel('Dockhand', { log: true });
  context.subscriptions.push(output);

  // The server starts after activation has returned (a macrotask later, so the
  // extension host records the activation first); commands wait for it.
  const ready: Promise<LanguageClient> = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    const loadStarted = performance.now();
    const { startLanguageClient } = await import('./language-client');
    started = startLanguageClient(context, output);
    context.subscriptions.push(started.status);
    timing.clientLoadMs = performance.now() - loadStarted;
    await started.started;
    timing.serverReadyMs = performance.now() - activateStarted;
    output.info(`Dockhand activated in ${(timing.bundleEvaluationMs + timing.activateMs).toFixed(1)} ms; client library loaded in ${timing.clientLoadMs.toFixed(0)} ms; server ready ${timing.serverReadyMs.toFixed(0)} ms after activation`);
    return started.client;
  });
  ready.catch((error: unknown) => output.error(`The Dockhand server did not start: ${error instanceof Error ? error.message : String(error)}`));
  const running = (): Promise<LanguageClient> => ready;

  const effective = new EffectiveConfigurationProvider(running);
  context.subscriptions.push(
    effective,
    vscode.workspace.registerTextDocumentContentProvider(effectiveConfigurationScheme, effective),
    ...refactorCommands.map((refactor) => vscode.commands.registerCommand(refactor.command, () => runRefactor(refactor, running))),
    vscode.commands.registerCommand('dockhand.newDockerfile', (choice?: TemplateChoice) => newDockerfileFromTemplate(context.extensionUri, choice)),
    vscode.commands.registerCommand('dockhand.showEffectiveConfiguration', () => effective.show()),
    vscode.commands.registerCommand('dockhand.restartServer', async () => {
      output.info('Restarting the Dockhand server');
      await (await running()).restart();
    }),
    vscode.commands.registerCommand('dockhand.showOutput', () => {
      output.show(true);
    }),
    // For tests and troubleshooting; hidden from the Command Palette.
    vscode.commands.registerCommand('dockhand.activationTime', (): ActivationTiming => ({ ...timing })),
    vscode.commands.registerCommand('dockhand.documentStatus', async () => {
      await running();
      return started?.status.refresh();
    }),
  );
  timing.activateMs = performance.now() - activateStarted;
}

export async function deactivate(): Promise<void> {
  await started?.client.stop();
  started = undefined;
}
