import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, positionOf, waitFor } from './helpers';

describe('Compose and its Dockerfile', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await openWorkspaceFile('stack/compose.yaml');
  });

  it('completes build.target with the stage names of the Dockerfile', async () => {
    const prod = positionOf(document, 'prod');
    const items = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, prod);
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return ['base', 'dev', 'prod'].every((stage) => labels.includes(stage)) && labels;
    }, 20_000, 'stage names in the completion of build.target');
    assert.ok(items.includes('dev'));
  });

  it('goes from build.target to the stage in the Dockerfile', async () => {
    const prod = positionOf(document, 'prod').translate(0, 1);
    const locations = await waitFor(async () => {
      const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, prod);
      return result.length > 0 && result;
    }, 20_000, 'a definition for build.target');
    const [first] = locations;
    const uri = first && 'targetUri' in first ? first.targetUri : first?.uri;
    const range = first && 'targetUri' in first ? (first.targetSelectionRange ?? first.targetRange) : first?.range;
    assert.match(uri?.path ?? '', /stack\/Dockerfile$/);
    assert.equal(range?.start.line, 8);
    const target = await vscode.workspace.openTextDocument(uri!);
    assert.equal(target.getText(range), 'prod');
  });
});
