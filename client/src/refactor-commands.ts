// Add tini, Run as non-root user, Convert to multi-stage: each asks the server
// for its code actions at the cursor and applies the matching one as a single
// workspace edit (one undo step), or says why it does not apply.
import * as vscode from 'vscode';
import type { CodeAction as LspCodeAction, CodeActionParams, Command as LspCommand, LanguageClient } from 'vscode-languageclient/node';

export interface RefactorCommand {
  command: string;
  /** As in the Command Palette. */
  label: string;
  /** The start of the action's title in the server's answer. */
  titlePrefix: string;
}

export const refactorCommands: readonly RefactorCommand[] = [
  { command: 'dockhand.addTini', label: 'Add tini as init', titlePrefix: 'Add tini' },
  { command: 'dockhand.runAsNonRoot', label: 'Run as a non-root user', titlePrefix: 'Run as a non-root user' },
  { command: 'dockhand.convertToMultistage', label: 'Convert to a multi-stage build', titlePrefix: 'Convert to a multi-stage build' },
];

/** The active editor when it shows a Dockerfile; otherwise tells the user and returns undefined. */
export function activeDockerfileEditor(label: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(`${label}: open a Dockerfile first; this command works on the active editor.`);
    return undefined;
  }
  if (editor.document.languageId !== 'dockerfile') {
    const name = vscode.workspace.asRelativePath(editor.document.uri);
    void vscode.window.showInformationMessage(`${label}: '${name}' is not a Dockerfile (its language is ${editor.document.languageId}); this command works on Dockerfiles.`);
    return undefined;
  }
  return editor;
}

export type RefactorOutcome = { applied: string } | { notApplied: string };

/**
 * Runs one refactor on the active Dockerfile at the cursor. Returns what
 * happened (for tests); the user sees the same as a message when it fails.
 */
export async function runRefactor(refactor: RefactorCommand, client: () => Promise<LanguageClient>): Promise<RefactorOutcome> {
  const editor = activeDockerfileEditor(refactor.label);
  if (!editor) return { notApplied: 'not a Dockerfile' };
  const document = editor.document;
  const languageClient = await client();
  const c2p = languageClient.code2ProtocolConverter;
  // Straight to the server rather than through vscode.executeCodeActionProvider,
  // which drops the `disabled.reason` that says why an action does not apply.
  const ask = async (range: vscode.Range): Promise<LspCodeAction | undefined> => {
    const params: CodeActionParams = {
      textDocument: c2p.asTextDocumentIdentifier(document),
      range: c2p.asRange(range),
      // CodeActionTriggerKind.Invoked, written out: this module must not load the client library.
      context: { diagnostics: [], triggerKind: 1 },
    };
    const answer = await languageClient.sendRequest<(LspCodeAction | LspCommand)[] | null>('textDocument/codeAction', params);
    const actions = (answer ?? []).filter((item): item is LspCodeAction => 'title' in item && typeof (item as { command?: unknown }).command !== 'string');
    return actions.find((item) => item.title.startsWith(refactor.titlePrefix));
  };
  // At the cursor; then from the cursor to the end, where a quick fix for the
  // same change may sit on a later line of the stage (Add tini on the CMD).
  const end = document.lineAt(document.lineCount - 1).range.end;
  const action = (await ask(editor.selection)) ?? (await ask(new vscode.Range(editor.selection.start.with({ character: 0 }), end)));
  if (!action) return tell(refactor, 'Dockhand offers nothing of the kind at the cursor.');
  if (action.disabled) return tell(refactor, action.disabled.reason);
  if (!action.edit) return tell(refactor, 'the server answered without an edit.');
  const edit = await languageClient.protocol2CodeConverter.asWorkspaceEdit(action.edit);
  if (document.isClosed) return tell(refactor, 'the document was closed.');
  if (!(await vscode.workspace.applyEdit(edit))) return tell(refactor, 'VS Code refused the edit (the document changed meanwhile?); try again.');
  return { applied: action.title };
}

function tell(refactor: RefactorCommand, reason: string): RefactorOutcome {
  void vscode.window.showInformationMessage(`${refactor.label}: ${reason}`);
  return { notApplied: reason };
}
