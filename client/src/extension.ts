// The VS Code face: starts the language server and owns the UI. No analysis here.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Dockhand', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'untitled', language: 'dockercompose' },
      // Compose files that another extension leaves as plain YAML; the server checks the name.
      { scheme: 'file', language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
    ],
    synchronize: { configurationSection: 'dockhand' },
    outputChannel: output,
    traceOutputChannel: output,
  };

  client = new LanguageClient('dockhand', 'Dockhand', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('dockhand.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('dockhand.showOutput', () => {
      output.show(true);
    }),
  );
  await client.start();
  output.info(`Dockhand activated in ${Date.now() - started} ms`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
