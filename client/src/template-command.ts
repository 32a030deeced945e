// "New Dockerfile from Template...": writes Dockerfile, .dockerignore and
// optionally compose.yaml into a workspace folder in one workspace edit (one
// undo step), asking before it replaces a file.
import * as vscode from 'vscode';
import { parseSnippetFile, type SnippetFile } from './snippet-text';
import { type Template, templateFiles, templates } from './templates';

export interface TemplateChoice {
  /** A template id (see templates.ts); asked with a quick pick when absent. */
  template?: string;
  /** Also write compose.yaml; asked when absent. */
  compose?: boolean;
  /** The folder to write into; the active editor's workspace folder (or a pick) when absent. */
  folder?: vscode.Uri;
  /** Replace existing files without asking (for tests). */
  overwrite?: boolean;
}

const label = 'New Dockerfile from template';

async function readSnippets(extensionUri: vscode.Uri, file: string): Promise<SnippetFile> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', file));
  return parseSnippetFile(new TextDecoder().decode(bytes));
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && vscode.workspace.getWorkspaceFolder(active);
  if (owner) return owner.uri;
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(`${label}: open a folder first; the files are written into a workspace folder.`);
    return undefined;
  }
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new Dockerfile' }))?.uri;
}

async function pickTemplate(): Promise<Template | undefined> {
  const picked = await vscode.window.showQuickPick(
    templates.map((template) => ({ label: template.label, detail: template.detail, template })),
    { title: label, placeHolder: 'The stack of the app', matchOnDetail: true },
  );
  return picked?.template;
}

async function pickCompose(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Dockerfile and .dockerignore', compose: false },
      { label: 'Dockerfile, .dockerignore and compose.yaml', compose: true, detail: 'a service built from the Dockerfile, its port published on localhost' },
    ],
    { title: label, placeHolder: 'Files to write' },
  );
  return picked?.compose;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Returns the files written, or undefined when the user cancelled or nothing could be written. */
export async function newDockerfileFromTemplate(extensionUri: vscode.Uri, choice: TemplateChoice = {}): Promise<vscode.Uri[] | undefined> {
  const folder = choice.folder ?? (await pickFolder());
  if (!folder) return undefined;
  const template = choice.template !== undefined ? templates.find((t) => t.id === choice.template) : await pickTemplate();
  if (!template) {
    if (choice.template !== undefined) void vscode.window.showErrorMessage(`${label}: no template '${choice.template}'; there are ${templates.map((t) => t.id).join(', ')}.`);
    return undefined;
  }
  const withCompose = choice.compose ?? (await pickCompose());
  if (withCompose === undefined) return undefined;

  const files = templateFiles(template, await readSnippets(extensionUri, 'dockerfile.json'), await readSnippets(extensionUri, 'compose.json'));
  const targets: [vscode.Uri, string][] = [
    [vscode.Uri.joinPath(folder, 'Dockerfile'), files.dockerfile],
    [vscode.Uri.joinPath(folder, '.dockerignore'), files.dockerignore],
    ...(withCompose ? [[vscode.Uri.joinPath(folder, 'compose.yaml'), files.compose] as [vscode.Uri, string]] : []),
  ];
  const existing: vscode.Uri[] = [];
  for (const [uri] of targets) if (await exists(uri)) existing.push(uri);
  if (existing.length > 0 && !choice.overwrite) {
    const names = existing.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ');
    const answer = await vscode.window.showWarningMessage(`${label}: replace ${names}?`, { modal: true, detail: 'Undo (Ctrl+Z) brings the old contents back.' }, 'Replace');
    if (answer !== 'Replace') return undefined;
  }

  // Existing files are replaced by a text edit (so undo restores them), new ones are created with their contents.
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (const [uri, text] of targets) {
    if (existing.some((e) => e.toString() === uri.toString())) {
      const document = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    } else {
      edit.createFile(uri, { contents: encoder.encode(text) });
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`${label}: VS Code could not write the files.`);
    return undefined;
  }
  for (const uri of existing) await vscode.workspace.save(uri);
  const written = targets.map(([uri]) => uri);
  await vscode.window.showTextDocument(written[0]!);
  return written;
}
