// Every command of the Command Palette, run on a fixture; the language status; activation time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, describeDiagnostics, diagnosticsPublished, dockhandDiagnostics, openFixture, waitFor, workspaceFile } from './helpers';

type Outcome = { applied: string } | { notApplied: string };

interface ActivationTiming {
  bundleEvaluationMs: number;
  activateMs: number;
  clientLoadMs: number | undefined;
  serverReadyMs: number | undefined;
}

interface DocumentStatus {
  kind: string;
  enabled: boolean;
  enabledRules: number;
  totalRules: number;
  rulesOffByConfiguration: number;
  problems: Record<'error' | 'warning' | 'info' | 'hint', number>;
  suppressed: number;
  configFiles: string[];
}

const documentStatus = async (): Promise<DocumentStatus | undefined> => vscode.commands.executeCommand<DocumentStatus | undefined>('dockhand.documentStatus');

describe('Commands', () => {
  it('registers every command the manifest contributes, in the Dockhand category', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (extension.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) {
      assert.equal(command.category, 'Dockhand', command.command);
      assert.ok(registered.has(command.command), `${command.command} is not registered`);
    }
    for (const expected of ['dockhand.newDockerfile', 'dockhand.addTini', 'dockhand.runAsNonRoot', 'dockhand.convertToMultistage', 'dockhand.showEffectiveConfiguration', 'dockhand.restartServer', 'dockhand.showOutput']) {
      assert.ok(contributed.some((c) => c.command === expected), `${expected} is not contributed`);
    }
  });

  it('activates in under 50 ms (the client library and the server load afterwards, asynchronously)', async () => {
    const timing = await waitFor(async () => {
      const value = await vscode.commands.executeCommand<ActivationTiming>('dockhand.activationTime');
      return value.serverReadyMs !== undefined && value;
    }, 20_000, 'the server to be ready');
    const total = timing.bundleEvaluationMs + timing.activateMs;
    assert.ok(total < 50, `activation took ${total.toFixed(1)} ms (bundle ${timing.bundleEvaluationMs.toFixed(1)} ms + activate() ${timing.activateMs.toFixed(1)} ms)`);
  });

  it('New Dockerfile from template writes a clean Dockerfile, .dockerignore and compose.yaml', async () => {
    const folder = workspaceFile('new-go');
    await vscode.workspace.fs.createDirectory(folder);
    const dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    const published = diagnosticsPublished(dockerfile);
    const written = await vscode.commands.executeCommand<vscode.Uri[] | undefined>('dockhand.newDockerfile', { template: 'go', compose: true, folder });
    assert.deepEqual(written?.map((uri) => uri.path.slice(folder.path.length + 1)), ['Dockerfile', '.dockerignore', 'compose.yaml']);
    const read = async (name: string): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
    assert.match(await read('Dockerfile'), /^# syntax=docker\/dockerfile:1\nFROM golang:1\.23 AS build\n/);
    assert.match(await read('.dockerignore'), /^\.git$/m);
    assert.match(await read('compose.yaml'), /^services:\n {2}app:\n {4}build:\n {6}context: \.\n {4}ports:\n {6}- "127\.0\.0\.1:8080:8080"\n/);
    // The command opens the Dockerfile; once analysed it has no diagnostic at all.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), dockerfile.toString());
    await published.next();
    published.dispose();
    assert.equal(describeDiagnostics(dockhandDiagnostics(dockerfile)), 'none');
    const status = await documentStatus();
    assert.deepEqual(status?.problems, { error: 0, warning: 0, info: 0, hint: 0 });
  });

  it('Convert to multi-stage build splits a single-stage Go Dockerfile', async () => {
    const editor = await openFixture(
      'convert/Dockerfile',
      'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nEXPOSE 8080\nCMD ["/out/app"]\n',
    );
    const outcome = await vscode.commands.executeCommand<Outcome>('dockhand.convertToMultistage');
    assert.ok('applied' in outcome, JSON.stringify(outcome));
    assert.equal(
      editor.document.getText(),
      'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /out/app /out/app\nUSER 65532:65532\nEXPOSE 8080\nCMD ["/out/app"]\n',
    );
    const again = await vscode.commands.executeCommand<Outcome>('dockhand.convertToMultistage');
    assert.ok('notApplied' in again && /already has 2 stages/.test(again.notApplied), JSON.stringify(again));
  });

  it('Show effective configuration opens a read-only view of each stage', async () => {
    await openFixture('effective/Dockerfile', 'FROM node:22-alpine AS base\nENV APP_HOME=/app\nWORKDIR /app\nFROM base\nUSER 10001\nEXPOSE 3000\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]\n');
    const view = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('dockhand.showEffectiveConfiguration');
    assert.ok(view);
    assert.equal(view.uri.scheme, 'dockhand-effective');
    assert.equal(view.languageId, 'markdown');
    const text = view.getText();
    assert.match(text, /## Stage 1 `base`: FROM `node:22-alpine`/);
    assert.match(text, /## Stage 2: FROM `base` \(line 4\), the image/);
    assert.match(text, /\| USER \| `10001` \|/);
    assert.match(text, /\| WORKDIR \| `\/app` \|/);
    assert.match(text, /`APP_HOME=\/app`/);
    assert.match(text, /\| Ports \(EXPOSE\) \| `3000` \|/);
    assert.ok(text.includes('`["/sbin/tini","--","node","server.js"]`'), text);
  });

  it('says clearly when a Dockerfile command does not apply to the active editor', async () => {
    await openFixture('not-a-dockerfile/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n');
    for (const command of ['dockhand.addTini', 'dockhand.runAsNonRoot', 'dockhand.convertToMultistage']) {
      const outcome = await vscode.commands.executeCommand<Outcome>(command);
      assert.deepEqual(outcome, { notApplied: 'not a Dockerfile' }, command);
    }
    assert.equal(await vscode.commands.executeCommand('dockhand.showEffectiveConfiguration'), undefined);
  });

  it('the language status counts rules and suppressed problems', async () => {
    await openFixture('status/Dockerfile', 'FROM alpine:3.20\n# dockhand-ignore shell-form-command -- a demo\nCMD echo hi\n');
    const status = await waitFor(documentStatus, 20_000, 'the document status');
    assert.equal(status.kind, 'dockerfile');
    assert.ok(status.enabledRules > 50 && status.enabledRules <= status.totalRules, JSON.stringify(status));
    assert.equal(status.suppressed, 1);
  });

  it('Show output and Restart server run; the server comes back', async () => {
    await vscode.commands.executeCommand('dockhand.showOutput');
    await vscode.commands.executeCommand('dockhand.restartServer');
    const editor = await openFixture('restart/Dockerfile', 'FROM ubuntu\nCMD ["bash"]\n');
    assert.ok(dockhandDiagnostics(editor.document.uri).some((d) => d.code !== undefined), 'no diagnostics after the restart');
  });
});
