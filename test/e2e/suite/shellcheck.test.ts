// ShellCheck findings on shell-form RUN, in a trusted workspace (the test host
// runs code-server with workspace trust disabled, so every folder is trusted).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyCodeAction, codeValue, describeDiagnostics, dockhandDiagnostics, hoverAt, openFixture, quickFixes, waitFor, waitForDiagnostic } from './helpers';

interface DocumentStatus {
  problems: { warning: number };
  shellcheck: { state: string; binary: string | null } | null;
}

const installed = (process.env['PATH'] ?? '').split(path.delimiter).some((folder) => folder !== '' && fs.existsSync(path.join(folder, 'shellcheck')));

describe('ShellCheck', () => {
  before(function () {
    if (!installed) this.skip();
  });

  it('shows an SC diagnostic on a RUN, with the status saying ShellCheck is on, and ignores it on request', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test host trusts its workspace');
    const editor = await openFixture('shellcheck/Dockerfile', 'FROM alpine:3.20\nARG TARGET=/srv\nRUN cd /tmp && echo "$TARGET"\nRUN cd /opt\nUSER 10001\n');
    const document = editor.document;
    const diagnostic = await waitForDiagnostic(document, 'SC2164');
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [3, 4, 11]);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /\(ShellCheck\)$/);
    const code = diagnostic.code;
    assert.equal(typeof code === 'object' ? code.target.toString() : undefined, 'https://www.shellcheck.net/wiki/SC2164');
    assert.ok(!dockhandDiagnostics(document.uri).some((d) => codeValue(d) === 'SC2154'), `ARG TARGET is declared: ${describeDiagnostics(dockhandDiagnostics(document.uri))}`);

    const status = await waitFor(async () => {
      const value = await vscode.commands.executeCommand<DocumentStatus | undefined>('dockhand.documentStatus');
      return value?.shellcheck?.state === 'active' && value.problems.warning > 0 && value;
    }, 20_000, 'the status to say ShellCheck is on');
    assert.ok(status.shellcheck?.binary?.endsWith('/shellcheck'), JSON.stringify(status.shellcheck));

    const fixes = await quickFixes(document, diagnostic.range);
    const ignore = fixes.find((fix) => fix.title === 'Ignore SC2164 here');
    assert.ok(ignore, fixes.map((fix) => fix.title).join(', '));
    await applyCodeAction(ignore);
    assert.equal(document.lineAt(3).text, '# dockhand-ignore SC2164');
    await waitFor(() => !dockhandDiagnostics(document.uri).some((d) => codeValue(d) === 'SC2164'), 20_000, 'SC2164 to be suppressed');
    assert.match(await hoverAt(document, new vscode.Position(3, 20), 'SC2164 in the comment'), /ShellCheck check/);
  });
});
