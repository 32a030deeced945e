import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export const serverPath = path.join(__dirname, '..', '..', 'dist', 'server.js');

/** Speaks real JSON-RPC over stdio to `node dist/server.js --stdio`. */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  private readonly profiling: boolean;

  /** `nodeArgs` go to node before the script, e.g. `--cpu-prof` to profile the server. */
  constructor(args: string[] = ['--stdio'], nodeArgs: readonly string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.profiling = nodeArgs.some((arg) => arg.startsWith('--cpu-prof'));
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.configuration));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** What `workspace/configuration` answers for the `dockhand` section. */
  configuration: unknown = { validation: { delayMs: 0 } };

  async initialize(initializationOptions: unknown = { validationDelayMs: 0 }, workspaceConfiguration = false): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: workspaceConfiguration }, textDocument: { hover: { contentFormat: ['markdown'] } } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Waits until diagnostics for `uri` arrive that satisfy `accept` (by default, any). */
  async diagnosticsFor(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current)}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  get exitCode(): number | null {
    return this.process.exitCode;
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; the kill below makes sure.
    }
    this.connection.dispose();
    // A profiled server writes its profile as it exits: give it the chance.
    if (this.profiling && this.process.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.process.kill();
  }
}
