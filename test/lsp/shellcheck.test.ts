// ShellCheck in the language server: driven over stdio against dist/server.js,
// with the real `shellcheck` binary (CI installs Debian's package).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import type { DocumentStatus } from '../../server/src/protocol';
import { findShellcheck } from '../../server/src/node/shellcheck';
import { LspClient, type PublishDiagnosticsParams, serverPath } from '../helpers/lsp-client';
import { readMarkers } from '../helpers/markers';

const binary = findShellcheck(undefined);
const skip = binary === undefined && 'shellcheck is not on PATH (apt-get install shellcheck)';

const fixture = `FROM ubuntu
ARG DIR=/src
RUN cd /tmp
#   ^^^^^^^ warning: SC2164
RUN echo $DIR
#        ^^^^ info: SC2086
`;

const isShellcheck = (d: Diagnostic): boolean => typeof d.code === 'string' && /^SC\d{4}$/.test(d.code);
const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.filter(isShellcheck).map((d) => String(d.code)).sort();
const publishedFor = (client: LspClient, uri: string): PublishDiagnosticsParams[] => client.published.filter((p) => p.uri === uri);

function documentStatus(client: LspClient, uri: string): Promise<DocumentStatus | null> {
  return client.connection.sendRequest<DocumentStatus | null>('dockhand/documentStatus', { textDocument: { uri } });
}

async function change(client: LspClient, uri: string, version: number, text: string): Promise<void> {
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

/** Polls `probe` every 50 ms (server logs arrive as notifications, not as a publish to wait for). */
async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ShellCheck in the language server', { skip }, () => {
  before(() => {
    assert.ok(fs.existsSync(serverPath), 'dist/server.js is missing: run `npm run build` first');
  });

  describe('in a trusted workspace', () => {
    let client: LspClient;
    const uri = 'file:///work/shellcheck/Dockerfile';

    before(async () => {
      client = new LspClient();
      await client.initialize({ validationDelayMs: 0, trusted: true });
    });

    after(async () => {
      await client.shutdown();
    });

    it('publishes the core diagnostics at once, then ShellCheck findings mapped into the Dockerfile', async () => {
      await client.open(uri, 'dockerfile', fixture);
      const diagnostics = await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).length === 2);
      const [first] = publishedFor(client, uri);
      assert.ok(first && first.diagnostics.length > 0 && !first.diagnostics.some(isShellcheck), `the first publish waits for nothing: ${JSON.stringify(first)}`);
      const found = diagnostics.filter(isShellcheck).map((d) => ({ rule: d.code, severity: ['', 'error', 'warning', 'info', 'hint'][d.severity ?? 0], range: d.range }));
      assert.deepEqual(found, readMarkers(fixture));
      const cd = diagnostics.find((d) => d.code === 'SC2164');
      assert.match(typeof cd?.message === 'string' ? cd.message : '', /\(ShellCheck\)$/);
      assert.equal(cd?.codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2164');
      assert.ok(diagnostics.some((d) => !isShellcheck(d)), 'the core findings stay');
      const status = await documentStatus(client, uri);
      assert.equal(status?.shellcheck?.state, 'active');
      assert.equal(status?.shellcheck?.binary, binary);
    });

    it('offers to ignore an SC finding, and the comment removes it without waiting for a new run', async () => {
      const diagnostics = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'SC2164'));
      const cd = diagnostics.find((d) => d.code === 'SC2164')!;
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: cd.range, context: { diagnostics: [cd] } });
      const here = actions.find((a) => a.title === 'Ignore SC2164 here');
      assert.ok(here, JSON.stringify(actions.map((a) => a.title)));
      assert.ok(actions.some((a) => a.title === 'Ignore SC2164 in this file'));
      const edit: TextEdit | undefined = here.edit?.changes?.[uri]?.[0];
      assert.ok(edit);
      assert.deepEqual(edit, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '# dockhand-ignore SC2164\n' });
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
      const after = await client.diagnosticsFor(uri, (p) => p.version === 2);
      // Both scripts are unchanged, so their cached results are in the first publish of version 2.
      assert.deepEqual(codes(after), ['SC2086']);
      const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } });
      assert.match((hover.contents as MarkupContent).value, /ShellCheck check[^]*shellcheck\.net\/wiki\/SC2164/);
    });

    it('drops the results of versions that are no longer current', async () => {
      const rapid = 'file:///work/shellcheck/rapid/Dockerfile';
      const textAt = (k: number): string => `FROM debian:12\n${'# pad\n'.repeat(k)}RUN cd /tmp/${k}\n`;
      await client.open(rapid, 'dockerfile', textAt(0));
      for (let k = 1; k < 8; k++) await change(client, rapid, k + 1, textAt(k));
      await client.diagnosticsFor(rapid, (p) => p.version === 8 && p.diagnostics.some((d) => d.code === 'SC2164'));
      const runs = publishedFor(client, rapid);
      for (const published of runs) {
        const cd = published.diagnostics.find((d) => d.code === 'SC2164');
        // Version v has its RUN on line v: a finding on another line came from an older text.
        if (cd) assert.equal(cd.range.start.line, published.version, JSON.stringify(published));
      }
      assert.deepEqual(runs.map((p) => p.version), [...runs.map((p) => p.version!)].sort((a, b) => a - b), 'versions never go back');
    });

    it('checks a huge script without holding anything up, and runs it once', async () => {
      const big = 'file:///work/shellcheck/big/Dockerfile';
      // About 60 KiB (the limit is 64): ShellCheck needs seconds for it, over its 5 s limit on a busy machine.
      const body: string[] = [];
      for (let i = 0; body.join('\n').length < 60 * 1024; i++) body.push(`if [ -n "$V${i}" ]; then for f in $(ls /tmp/${i}); do echo $f | grep -q x && cd /x${i}; done; fi`);
      const text = `FROM debian:12\nRUN cd /tmp\nRUN <<EOF\n${body.join('\n')}\nEOF\n`;
      const opened = Date.now();
      await client.open(big, 'dockerfile', text);
      await client.diagnosticsFor(big);
      const firstPublishMs = Date.now() - opened;
      // The small RUN runs first, so its finding does not wait for the big one.
      await client.diagnosticsFor(big, (p) => p.diagnostics.some((d) => d.code === 'SC2164'), 4000);
      const hoverStarted = Date.now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 0, character: 1 } });
      const hoverMs = Date.now() - hoverStarted;
      assert.ok(firstPublishMs < 3000, `first publish after ${firstPublishMs} ms`);
      assert.ok(hoverMs < 1000, `a hover took ${hoverMs} ms while ShellCheck ran`);
      // Done either way: findings inside the heredoc, or stopped at the time limit.
      const stopped = (): boolean => client.logs.some((line) => line.includes(`took over 5 s on the RUN at line 3 of ${big}`));
      const inHeredoc = (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => isShellcheck(d) && d.range.start.line >= 3);
      await until(() => stopped() || publishedFor(client, big).some(inHeredoc), 'ShellCheck to finish or be stopped', 30_000);
      const timedOut = (await documentStatus(client, big))?.shellcheck?.timedOut;
      assert.equal(timedOut, stopped() ? 1 : 0);
      // An edit elsewhere keeps both results (a finished run's findings, or the
      // time-out) in the first publish of the new version: nothing runs again.
      await change(client, big, 2, `# edited\n${text}`);
      const edited = await client.diagnosticsFor(big, (p) => p.version === 2);
      assert.equal(edited.find((d) => d.code === 'SC2164')?.range.start.line, 2);
      assert.equal(edited.some((d) => isShellcheck(d) && d.range.start.line >= 4), !stopped());
      assert.equal((await documentStatus(client, big))?.shellcheck?.timedOut, timedOut);
    });
  });

  it('stops a ShellCheck that runs past the time limit, and says so, while the rest goes on', async () => {
    // A stand-in that never answers; exec, so that the process killed is the one that sleeps.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-slow-shellcheck-'));
    const slow = path.join(folder, 'shellcheck');
    fs.writeFileSync(slow, `#!/bin/sh\necho $$ > '${folder}/pid'\nexec sleep 60\n`, { mode: 0o755 });
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-slow/Dockerfile';
    try {
      client.configuration = { validation: { delayMs: 0 }, shellcheck: { path: slow } };
      await client.initialize({ trusted: true }, true);
      const opened = Date.now();
      await client.open(uri, 'dockerfile', 'FROM ubuntu\nRUN cd /tmp\n');
      const first = await client.diagnosticsFor(uri);
      assert.ok(first.some((d) => d.code === 'untagged-base-image'));
      assert.ok(Date.now() - opened < 3000);
      await until(() => fs.existsSync(path.join(folder, 'pid')), 'the stand-in to start');
      const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.ok(hover, 'a hover answers while ShellCheck runs');
      await until(() => client.logs.some((line) => line.includes(`took over 5 s on the RUN at line 2 of ${uri}`)), 'the time limit', 15_000);
      const elapsed = Date.now() - opened;
      assert.ok(elapsed >= 5000 && elapsed < 12_000, `stopped after ${elapsed} ms`);
      const pid = Number(fs.readFileSync(path.join(folder, 'pid'), 'utf8'));
      assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the process is gone');
      assert.equal((await documentStatus(client, uri))?.shellcheck?.timedOut, 1);
    } finally {
      await client.shutdown();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('follows the settings: an SC code set off, then ShellCheck disabled', async () => {
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-settings/Dockerfile';
    const reconfigure = async (shellcheck: unknown, rules: unknown = {}): Promise<void> => {
      client.configuration = { validation: { delayMs: 0 }, shellcheck, rules };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    };
    try {
      client.configuration = { validation: { delayMs: 0 } };
      await client.initialize({ trusted: true }, true);
      await client.open(uri, 'dockerfile', fixture);
      await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).length === 2);
      await reconfigure({ enable: true }, { SC2164: 'off' });
      await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).join() === 'SC2086');
      await reconfigure({ enable: false });
      const off = await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).length === 0);
      assert.ok(off.length > 0, 'the core findings stay');
      assert.equal((await documentStatus(client, uri))?.shellcheck?.state, 'off');
      await reconfigure({ enable: true });
      await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).length === 2);
    } finally {
      await client.shutdown();
    }
  });

  it('runs nothing in an untrusted workspace, and starts once trust is granted', async () => {
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-untrusted/Dockerfile';
    try {
      await client.initialize({ validationDelayMs: 0, trusted: false });
      await client.open(uri, 'dockerfile', fixture);
      await client.diagnosticsFor(uri);
      await change(client, uri, 2, `${fixture}# edited\n`);
      await client.diagnosticsFor(uri, (p) => p.version === 2);
      assert.deepEqual(publishedFor(client, uri).flatMap((p) => codes(p.diagnostics)), []);
      const status = await documentStatus(client, uri);
      assert.equal(status?.shellcheck?.state, 'untrusted');
      await client.connection.sendNotification('dockhand/didGrantWorkspaceTrust', {});
      await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).length === 2);
    } finally {
      await client.shutdown();
    }
  });

  it('says once that dockhand.shellcheck.path is wrong, and the core diagnostics go on', async () => {
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-path/Dockerfile';
    const shown: string[] = [];
    client.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      shown.push(params.message);
      return null;
    });
    try {
      client.configuration = { validation: { delayMs: 0 }, shellcheck: { path: '/nonexistent/bin/shellcheck' } };
      await client.initialize({ trusted: true }, true);
      await client.open(uri, 'dockerfile', fixture);
      for (let version = 2; version <= 6; version++) await change(client, uri, version, `${fixture}${'# typing\n'.repeat(version)}`);
      const last = await client.diagnosticsFor(uri, (p) => p.version === 6);
      assert.ok(last.length > 0 && codes(last).length === 0, JSON.stringify(last));
      const status = await documentStatus(client, uri);
      assert.equal(status?.shellcheck?.state, 'not-found');
      assert.match(status?.shellcheck?.message ?? '', /no executable file at '\/nonexistent\/bin\/shellcheck'/);
      assert.deepEqual(shown.filter((message) => message.includes('dockhand.shellcheck.path')).length, 1, JSON.stringify(shown));
    } finally {
      await client.shutdown();
    }
  });

  it('runs a binary at dockhand.shellcheck.path, started directly with the script on stdin', async () => {
    // A stand-in that records its arguments and stdin, then answers as ShellCheck would.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-fake-shellcheck-'));
    const fake = path.join(folder, 'shellcheck');
    const script = [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > '${folder}/args'`,
      `cat > '${folder}/stdin'`,
      `n=$(wc -l < '${folder}/stdin')`,
      // A comment on the last line: the RUN's own script, after the header.
      `printf '{"comments":[{"file":"-","line":%d,"endLine":%d,"column":1,"endColumn":3,"level":"error","code":1234,"message":"fake"}]}\\n' "$n" "$n"`,
    ];
    fs.writeFileSync(fake, `${script.join('\n')}\n`, { mode: 0o755 });
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-fake/Dockerfile';
    try {
      client.configuration = { validation: { delayMs: 0 }, shellcheck: { path: fake } };
      await client.initialize({ trusted: true }, true);
      await client.open(uri, 'dockerfile', `FROM debian:12\nARG V=1\nRUN ls; touch ${folder}/ran\n`);
      const diagnostics = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'SC1234'));
      assert.deepEqual(diagnostics.find((d) => d.code === 'SC1234')?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } });
      assert.deepEqual(fs.readFileSync(path.join(folder, 'args'), 'utf8').split('\n').filter(Boolean), ['--format=json1', '--shell=sh', '--exclude=SC1090,SC1091', '-']);
      const stdin = fs.readFileSync(path.join(folder, 'stdin'), 'utf8');
      assert.ok(stdin.startsWith('#!/bin/sh\nexport ') && stdin.includes('export V=""\n') && stdin.endsWith(`\nls; touch ${folder}/ran\n`), stdin);
      assert.ok(!fs.existsSync(path.join(folder, 'ran')), 'the script is checked, never run');
    } finally {
      await client.shutdown();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs nothing while the user types, and checks the latest version once typing pauses', async () => {
    // A stand-in that logs each start with the script it got, then answers with one finding.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-typing-shellcheck-'));
    const fake = path.join(folder, 'shellcheck');
    const script = [
      '#!/bin/sh',
      `cat > '${folder}/stdin'`,
      `tail -n 1 '${folder}/stdin' >> '${folder}/runs'`,
      // A comment on the last line: the RUN's own script, after the header.
      `n=$(wc -l < '${folder}/stdin')`,
      `printf '{"comments":[{"file":"-","line":%d,"endLine":%d,"column":1,"endColumn":2,"level":"info","code":1234,"message":"fake"}]}\\n' "$n" "$n"`,
    ];
    fs.writeFileSync(fake, `${script.join('\n')}\n`, { mode: 0o755 });
    const runs = (): string[] => (fs.existsSync(path.join(folder, 'runs')) ? fs.readFileSync(path.join(folder, 'runs'), 'utf8').split('\n').filter(Boolean) : []);
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-typing/Dockerfile';
    try {
      client.configuration = { validation: { delayMs: 0 }, shellcheck: { path: fake } };
      await client.initialize({ trusted: true }, true);
      await client.open(uri, 'dockerfile', 'FROM debian:12\nRUN echo a\n');
      // A document just opened is checked at once.
      await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'SC1234'));
      assert.deepEqual(runs(), ['echo a']);
      // Typing: each keystroke gets its core diagnostics, and no ShellCheck starts.
      let text = 'echo a';
      for (let version = 2; version <= 8; version++) {
        text += 'b';
        await change(client, uri, version, `FROM debian:12\nRUN ${text}\n`);
        await client.diagnosticsFor(uri, (p) => p.version === version);
      }
      assert.deepEqual(runs(), ['echo a'], 'no run while typing');
      // The pause: the last version is checked, once.
      await until(() => runs().length === 2, 'ShellCheck after typing pauses');
      assert.deepEqual(runs(), ['echo a', `${text}`]);
      await client.diagnosticsFor(uri, (p) => p.version === 8 && p.diagnostics.some((d) => d.code === 'SC1234'));
    } finally {
      await client.shutdown();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('without a word on trust from the client, uses shellcheck from PATH and ignores dockhand.shellcheck.path', async () => {
    const client = new LspClient();
    const uri = 'file:///work/shellcheck-unstated/Dockerfile';
    try {
      client.configuration = { validation: { delayMs: 0 }, shellcheck: { path: '/nonexistent/bin/shellcheck' } };
      await client.initialize({}, true);
      await client.open(uri, 'dockerfile', fixture);
      await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).length === 2);
      assert.equal((await documentStatus(client, uri))?.shellcheck?.binary, binary);
      assert.ok(client.logs.some((line) => line.includes("dockhand.shellcheck.path ('/nonexistent/bin/shellcheck') is ignored")), client.logs.join('\n'));
    } finally {
      await client.shutdown();
    }
  });
});
