import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dockhand.dockhand';
export const SOURCE = 'dockhand';

/**
 * Polls `probe` every 100 ms until it returns a truthy value, and returns that
 * value. Language features start asynchronously, so tests wait for results
 * instead of sleeping.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A file of the test workspace (a fresh copy of test/e2e/workspace). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openWorkspaceFile(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

export function codeValue(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

/** Waits for a Dockhand diagnostic with the given code on the document. */
export function waitForDiagnostic(document: vscode.TextDocument, code: string): Promise<vscode.Diagnostic> {
  return waitFor(
    () =>
      vscode.languages
        .getDiagnostics(document.uri)
        .find((diagnostic) => diagnostic.source === SOURCE && codeValue(diagnostic) === code),
    20_000,
    `a ${SOURCE} diagnostic '${code}' on ${vscode.workspace.asRelativePath(document.uri)}`,
  );
}

/** The position of the first occurrence of `text` in the document. */
export function positionOf(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.notEqual(offset, -1, `'${text}' is not in ${vscode.workspace.asRelativePath(document.uri)}`);
  return document.positionAt(offset);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Quick fixes for `range`, with their edits resolved. */
export async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const items = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
    'vscode.executeCodeActionProvider',
    document.uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
    // Resolve lazily computed edits of up to this many actions.
    20,
  );
  return (items ?? []).filter(isCodeAction);
}

function isCodeAction(item: vscode.CodeAction | vscode.Command): item is vscode.CodeAction {
  return typeof item.command !== 'string';
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of '${action.title}' was not applied`);
  }
  if (action.command) {
    const args: unknown[] = action.command.arguments ?? [];
    await vscode.commands.executeCommand(action.command.command, ...args);
  }
}

/** Writes a file of the test workspace (creating its folder) and returns its URI. */
export async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Writes a file of the test workspace, opens it in an editor and waits for Dockhand's first diagnostics on it. */
export async function openFixture(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = await writeWorkspaceFile(name, text);
  const published = diagnosticsPublished(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await published.next();
  published.dispose();
  return editor;
}

/** Dockhand's diagnostics on a document. */
export function dockhandDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}: ${String(codeValue(d))}: ${d.message}`).join('\n') || 'none';
}

/**
 * Watches the diagnostics updates VS Code reports for `uri`; `next()` resolves
 * once one arrived since the previous `next()` (or since this was created).
 * The server publishes after each analysis, also an empty list, so this tells
 * "analysed after the edit" apart from "not analysed yet".
 */
export function diagnosticsPublished(uri: vscode.Uri): { next(timeoutMs?: number): Promise<void>; dispose(): void } {
  let count = 0;
  let consumed = 0;
  const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
    if (event.uris.some((changed) => changed.toString() === uri.toString())) count++;
  });
  return {
    next: async (timeoutMs = 20_000) => {
      await waitFor(() => count > consumed, timeoutMs, `Dockhand diagnostics for ${vscode.workspace.asRelativePath(uri)}`);
      consumed = count;
    },
    dispose: () => {
      subscription.dispose();
    },
  };
}

/** The text of the hovers at a position, polled until a provider answers. */
export async function hoverAt(document: vscode.TextDocument, position: vscode.Position, what: string): Promise<string> {
  return waitFor(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    return hoverText(hovers);
  }, 20_000, `a hover on ${what}`);
}

/** Sets a `dockhand.*` setting for the workspace; `undefined` removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dockhand').update(key, value, vscode.ConfigurationTarget.Workspace);
}
