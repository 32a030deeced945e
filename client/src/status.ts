// The language status item of Dockerfiles and compose files: the server's
// state, how many rules run, and what configuration and comments hide.
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { type DocumentStatus, DocumentStatusRequest, type ShellcheckStatus } from '../../server/src/protocol';
import { sendRequest } from './requests';

export const statusSelector: vscode.DocumentSelector = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
  { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The item's text and detail for a document's status; exported for tests. */
export function describeStatus(status: DocumentStatus): { text: string; detail: string } {
  const language = status.kind === 'dockerfile' ? 'Dockerfile' : 'compose';
  if (!status.enabled) {
    return { text: `Dockhand: ${language} analysis off`, detail: `dockhand.${status.kind === 'dockerfile' ? 'dockerfile' : 'compose'}.enable is false` };
  }
  const parts = [`${plural(status.enabledRules, 'rule')} of ${status.totalRules}`];
  if (status.suppressed > 0) parts.push(`${plural(status.suppressed, 'problem')} suppressed by comments`);
  if (status.rulesOffByConfiguration > 0) parts.push(`${plural(status.rulesOffByConfiguration, 'rule')} off by configuration`);
  if (status.configFiles.length > 0) parts.push(`config: ${status.configFiles.map((file) => file.slice(file.lastIndexOf('/') + 1)).join(', ')}`);
  const shellcheck = status.shellcheck && describeShellcheck(status.shellcheck);
  if (shellcheck) parts.push(shellcheck);
  return { text: 'Dockhand', detail: parts.join(' · ') };
}

/** A few words on ShellCheck for the status item; the server logs the full sentence in the output. */
function describeShellcheck(status: ShellcheckStatus): string {
  switch (status.state) {
    case 'active':
      return status.timedOut > 0 ? `ShellCheck on (${plural(status.timedOut, 'RUN')} over its time limit)` : 'ShellCheck on';
    case 'off':
      return 'ShellCheck off';
    case 'untrusted':
      return 'ShellCheck off: untrusted workspace';
    case 'not-found':
      return 'ShellCheck not found';
    case 'failed':
      return 'ShellCheck failed';
  }
}

export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('dockhand.status', statusSelector);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** The last status shown, for tests (dockhand.documentStatus). */
  last: DocumentStatus | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Dockhand';
    this.item.text = 'Dockhand';
    this.item.command = { title: 'Show Output', command: 'dockhand.showOutput', tooltip: "Show the Dockhand server's log" };
    this.showState(client.state);
    this.disposables.push(
      client.onDidChangeState((event) => {
        this.showState(event.newState);
        this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('dockhand')) this.schedule();
      }),
    );
  }

  private showState(state: State): void {
    this.item.busy = state === State.Starting;
    this.item.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    if (state === State.Starting) this.item.detail = 'starting the language server';
    if (state === State.Stopped) {
      this.item.text = 'Dockhand: stopped';
      this.item.detail = 'the language server is not running; see the output';
    }
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 150);
  }

  /** Asks the server about the active document and shows the answer. */
  async refresh(): Promise<DocumentStatus | undefined> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || this.client.state !== State.Running || vscode.languages.match(statusSelector, document) === 0) return undefined;
    let status: DocumentStatus | null;
    try {
      status = await sendRequest(this.client, DocumentStatusRequest, { textDocument: { uri: this.client.code2ProtocolConverter.asUri(document.uri) } });
    } catch {
      return undefined;
    }
    if (!status) return undefined;
    // A refresh started since then shows its own answer; this one still answers its caller.
    if (generation !== this.generation) return status;
    const { text, detail } = describeStatus(status);
    this.item.text = text;
    this.item.detail = detail;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.last = status;
    return status;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
