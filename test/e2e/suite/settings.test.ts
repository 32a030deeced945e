// Settings and project configuration take effect without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeValue, describeDiagnostics, dockhandDiagnostics, openFixture, setSetting, waitFor, writeWorkspaceFile } from './helpers';

interface DocumentStatus {
  enabled: boolean;
  rulesOffByConfiguration: number;
  configFiles: string[];
}

const has = (uri: vscode.Uri, rule: string): boolean => dockhandDiagnostics(uri).some((d) => codeValue(d) === rule);

describe('Settings', () => {
  let uri: vscode.Uri;

  before(async () => {
    const editor = await openFixture('settings/Dockerfile', 'FROM alpine:3.20\nCMD echo hi\n');
    uri = editor.document.uri;
    await waitFor(() => has(uri, 'shell-form-command'), 20_000, 'shell-form-command');
  });

  after(async () => {
    await setSetting('rules', undefined);
    await setSetting('dockerfile.enable', undefined);
  });

  it('dockhand.rules: turning a rule off removes its diagnostic, turning it back on restores it', async () => {
    await setSetting('rules', { 'shell-form-command': 'off' });
    await waitFor(() => !has(uri, 'shell-form-command'), 20_000, 'shell-form-command to go');
    await setSetting('rules', { 'shell-form-command': 'error' });
    const diagnostic = await waitFor(() => dockhandDiagnostics(uri).find((d) => codeValue(d) === 'shell-form-command' && d.severity === vscode.DiagnosticSeverity.Error), 20_000, 'shell-form-command as an error');
    assert.equal(diagnostic.range.start.line, 1);
    await setSetting('rules', undefined);
  });

  it('dockhand.dockerfile.enable: false clears the Dockerfile diagnostics and the status says so', async () => {
    await waitFor(() => has(uri, 'shell-form-command'), 20_000, 'shell-form-command');
    await setSetting('dockerfile.enable', false);
    await waitFor(() => dockhandDiagnostics(uri).length === 0, 20_000, `no diagnostics (have ${describeDiagnostics(dockhandDiagnostics(uri))})`);
    const status = await vscode.commands.executeCommand<DocumentStatus | undefined>('dockhand.documentStatus');
    assert.equal(status?.enabled, false);
    await setSetting('dockerfile.enable', undefined);
    await waitFor(() => has(uri, 'shell-form-command'), 20_000, 'shell-form-command to come back');
  });

  it('.dockhand.yaml in the folder turns a rule off, and the status names it', async () => {
    await writeWorkspaceFile('configured/.dockhand.yaml', 'rules:\n  shell-form-command: off\n');
    const editor = await openFixture('configured/Dockerfile', 'FROM alpine:3.20\nCMD echo hi\n');
    assert.ok(!has(editor.document.uri, 'shell-form-command'), describeDiagnostics(dockhandDiagnostics(editor.document.uri)));
    const status = await vscode.commands.executeCommand<DocumentStatus | undefined>('dockhand.documentStatus');
    assert.ok(status && status.rulesOffByConfiguration >= 1, JSON.stringify(status));
    assert.ok(status.configFiles.some((file) => file.endsWith('/configured/.dockhand.yaml')), JSON.stringify(status.configFiles));
  });

  it('.hadolint.yaml is honoured through the rules\' hadolint ids', async () => {
    await writeWorkspaceFile('hadolint/.hadolint.yaml', 'ignored:\n  - DL3025\n');
    const editor = await openFixture('hadolint/Dockerfile', 'FROM alpine:3.20\nCMD echo hi\n');
    assert.ok(!has(editor.document.uri, 'shell-form-command'), describeDiagnostics(dockhandDiagnostics(editor.document.uri)));
  });
});
