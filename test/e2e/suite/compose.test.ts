import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { applyCodeAction, openWorkspaceFile, positionOf, quickFixes, waitForDiagnostic } from './helpers';

describe('Compose file', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await openWorkspaceFile('compose.yaml');
  });

  it('is a dockercompose document', () => {
    assert.equal(document.languageId, 'dockercompose');
  });

  it('reports the obsolete version key on its line', async () => {
    const diagnostic = await waitForDiagnostic(document, 'obsolete-version');
    assert.equal(diagnostic.range.start.line, positionOf(document, 'version:').line);
  });

  it('removes the version key with a quick fix', async () => {
    const diagnostic = await waitForDiagnostic(document, 'obsolete-version');
    const fixes = await quickFixes(document, diagnostic.range);
    const remove = fixes.find((action) => action.title.startsWith('Remove obsolete'));
    assert.ok(remove, `no "Remove obsolete" quick fix; got: ${fixes.map((action) => action.title).join(', ') || 'none'}`);
    await applyCodeAction(remove);
    const text = document.getText();
    assert.doesNotMatch(text, /version:/);
    assert.match(text, /services:/);
  });
});
