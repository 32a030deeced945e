import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  SOURCE,
  applyCodeAction,
  codeValue,
  hoverText,
  openWorkspaceFile,
  positionOf,
  quickFixes,
  waitFor,
  waitForDiagnostic,
} from './helpers';

describe('Dockerfile', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await openWorkspaceFile('Dockerfile');
  });

  it('is a dockerfile document', () => {
    assert.equal(document.languageId, 'dockerfile');
  });

  it('reports an untagged base image on the FROM line', async () => {
    const diagnostic = await waitForDiagnostic(document, 'untagged-base-image');
    assert.equal(diagnostic.range.start.line, 0);
    const all = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === SOURCE);
    assert.ok(all.length > 0);
    assert.ok(all.every((d) => codeValue(d) !== undefined), 'every Dockhand diagnostic has a code');
  });

  it('explains ENV versus ARG on hover', async () => {
    const position = positionOf(document, 'ENV').translate(0, 1);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hoverText(hovers);
    }, 20_000, 'a hover on ENV');
    assert.match(text, /docker run -e/);
    assert.match(text, /\bARG\b/);
  });

  it('pins the base image with a quick fix', async () => {
    const diagnostic = await waitForDiagnostic(document, 'untagged-base-image');
    const fixes = await quickFixes(document, diagnostic.range);
    const pin = fixes.find((action) => action.title.startsWith('Pin'));
    assert.ok(pin, `no "Pin" quick fix; got: ${fixes.map((action) => action.title).join(', ') || 'none'}`);
    await applyCodeAction(pin);
    assert.equal(document.lineAt(0).text, 'FROM ubuntu:latest');
  });
});
