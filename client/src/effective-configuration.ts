// "Show Effective Configuration": a read-only Markdown view of what each stage
// leaves for its container (USER, WORKDIR, ENV, ports, ENTRYPOINT + CMD),
// computed by the server (dockhand/effectiveConfiguration), refreshed as the
// Dockerfile changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type EffectiveConfiguration, EffectiveConfigurationRequest, type StageConfiguration } from '../../server/src/protocol';
import { activeDockerfileEditor } from './refactor-commands';
import { sendRequest } from './requests';

export const effectiveConfigurationScheme = 'dockhand-effective';

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function stageTitle(stage: StageConfiguration): string {
  const name = stage.name ? ` ${code(stage.name)}` : '';
  return `## Stage ${stage.index + 1}${name}: FROM ${code(stage.base)} (line ${stage.line + 1})${stage.isFinal ? ', the image' : ''}`;
}

/** Markdown for the view; exported for tests. */
export function renderEffectiveConfiguration(fileName: string, configuration: EffectiveConfiguration): string {
  const lines = [
    `# Effective configuration of ${fileName}`,
    '',
    'What each stage leaves for a container started from it, worked out from the Dockerfile alone (read-only, nothing is built).',
    'Values that only a base image sets are not known here. This view follows the file as you edit it.',
  ];
  for (const stage of configuration.stages) {
    lines.push('', stageTitle(stage), '', '| | |', '| --- | --- |');
    if (stage.dependsOn.length > 0) lines.push(`| Uses stages | ${stage.dependsOn.map(code).join(', ')} |`);
    lines.push(`| USER | ${stage.user !== null ? code(stage.user) : "the base image's (root unless it sets one)"} |`);
    lines.push(`| WORKDIR | ${stage.workdir !== null ? code(stage.workdir) : "the base image's (/ unless it sets one)"} |`);
    lines.push(`| ENV | ${stage.env.length > 0 ? stage.env.map((e) => cell(code(`${e.name}=${e.value}`))).join('<br>') : 'none set here'} |`);
    lines.push(`| Ports (EXPOSE) | ${stage.ports.length > 0 ? stage.ports.map(code).join(', ') : 'none'} |`);
    lines.push(`| ENTRYPOINT | ${stage.entrypoint ? cell(code(JSON.stringify(stage.entrypoint))) : 'not set here'} |`);
    lines.push(`| CMD | ${stage.cmd ? cell(code(JSON.stringify(stage.cmd))) : 'not set here'} |`);
    const command = stage.command ? cell(code(JSON.stringify(stage.command))) : "the base image's";
    lines.push(`| Runs (ENTRYPOINT + CMD) | ${command}${stage.command && stage.commandFromBaseImage && !stage.entrypoint ? " (an ENTRYPOINT of the base image, if any, comes first)" : ''} |`);
    lines.push(`| HEALTHCHECK | ${stage.healthcheck ? 'yes' : 'none set here'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

export class EffectiveConfigurationProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly shown = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((event) => this.sourceChanged(event.document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === effectiveConfigurationScheme) this.shown.delete(document.uri.query);
      }),
    );
  }

  /** The view's URI for a Dockerfile: its name in the title, the Dockerfile's URI in the query. */
  static uriFor(source: vscode.Uri): vscode.Uri {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1) || 'Dockerfile';
    return vscode.Uri.from({ scheme: effectiveConfigurationScheme, path: `/${name} (effective configuration).md`, query: source.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query);
    this.shown.set(uri.query, uri);
    const fileName = vscode.workspace.asRelativePath(source);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(source);
    } catch {
      return `# Effective configuration of ${fileName}\n\nThe file cannot be opened.\n`;
    }
    const client = await this.client();
    const configuration = await sendRequest(client, EffectiveConfigurationRequest, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } });
    if (!configuration) return `# Effective configuration of ${fileName}\n\nDockhand does not analyse this file as a Dockerfile.\n`;
    return renderEffectiveConfiguration(fileName, configuration);
  }

  private sourceChanged(source: vscode.Uri): void {
    const view = this.shown.get(source.toString());
    if (!view) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(view), 300);
  }

  /** The command: opens the view of the active Dockerfile beside it. Returns the view's document (for tests). */
  async show(): Promise<vscode.TextDocument | undefined> {
    const editor = activeDockerfileEditor('Show effective configuration');
    if (!editor) return undefined;
    const uri = EffectiveConfigurationProvider.uriFor(editor.document.uri);
    // An open view is asked for its content again.
    if (this.shown.has(uri.query)) this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return document;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

