// Loaded right after activation (extension.ts imports it dynamically): the
// language client library is most of the extension's code, and only talking
// to the server needs it.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DidGrantWorkspaceTrustNotification } from '../../server/src/protocol';
import { LanguageStatus } from './status';

export interface StartedClient {
  client: LanguageClient;
  status: LanguageStatus;
  /** Resolves when the server answered `initialize`. */
  started: Promise<void>;
}

export function startLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): StartedClient {
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
    // ShellCheck runs only in a trusted workspace (SECURITY.md). A function, so
    // that a restart reads it again; a running server is told below.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    traceOutputChannel: output,
  };
  const client = new LanguageClient('dockhand', 'Dockhand', serverOptions, clientOptions);
  const status = new LanguageStatus(client);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // A starting client sends it once started; a stopped one reads isTrusted when it starts again.
      void client.sendNotification(DidGrantWorkspaceTrustNotification.method, {}).catch(() => undefined);
    }),
  );
  return { client, status, started: client.start() };
}
