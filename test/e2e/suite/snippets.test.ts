// Each multistage snippet, inserted by VS Code's own snippet engine from the
// contributed snippets file into an empty Dockerfile, gives no diagnostic.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, describeDiagnostics, diagnosticsPublished, dockhandDiagnostics, openFixture } from './helpers';

interface SnippetFile {
  [name: string]: { isFileTemplate?: boolean };
}

async function multistageSnippets(): Promise<string[]> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'snippets', 'dockerfile.json'));
  const snippets = JSON.parse(new TextDecoder().decode(bytes)) as SnippetFile;
  return Object.keys(snippets).filter((name) => snippets[name]?.isFileTemplate === true);
}

describe('Dockerfile snippets', () => {
  it('has the multistage templates', async () => {
    assert.ok((await multistageSnippets()).length >= 11);
  });

  it('inserting each multistage snippet into an empty Dockerfile yields no diagnostics', async () => {
    const names = await multistageSnippets();
    for (const [index, name] of names.entries()) {
      const editor = await openFixture(`snippet-${index}/Dockerfile`, '');
      const uri = editor.document.uri;
      const published = diagnosticsPublished(uri);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'dockerfile', name });
      await vscode.commands.executeCommand('leaveSnippet');
      assert.match(editor.document.getText(), /^# syntax=docker\/dockerfile:1\n/, `'${name}' was not inserted`);
      // The next diagnostics the server publishes are those of the inserted text.
      await published.next();
      published.dispose();
      assert.equal(describeDiagnostics(dockhandDiagnostics(uri)), 'none', `'${name}':\n${editor.document.getText()}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
