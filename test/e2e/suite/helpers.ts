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
