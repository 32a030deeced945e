import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, type Finding, LanguageService, noFileAccess, type SourceDocument } from '../../server/src/core';
import { documentStatus } from '../../server/src/custom-requests';
import { readServerSettings } from '../../server/src/settings';
import { trustFromInitializationOptions } from '../../server/src/shellcheck-runner';
import { finishShellcheckFindings, shellcheckFindings, shellcheckScripts } from '../../server/src/core/dockerfile/shellcheck';
import type { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { findShellcheck, runShellcheck, runShellcheckSync } from '../../server/src/node/shellcheck';

const binary = findShellcheck(undefined);

function check(text: string, rules: Record<string, 'off' | 'error'> = {}) {
  const analysis = analyzeText('dockerfile', text);
  const model = analysis.model as DockerfileModel;
  const raw = shellcheckScripts(model).flatMap((script) => shellcheckFindings(model, script, runShellcheckSync(binary!, script)));
  return finishShellcheckFindings(raw, rules, analysis.suppressions).map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.rule} ${f.severity}`);
}

describe('ShellCheck scripts', () => {
  it('declares visible ARG and ENV names and picks the shell from SHELL', () => {
    const model = analyzeText('dockerfile', 'FROM debian:12\nARG VERSION=1\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo $VERSION\nRUN ["echo", "exec form is not a script"]\n').model as DockerfileModel;
    const [script, ...rest] = shellcheckScripts(model);
    assert.equal(rest.length, 0);
    assert.equal(script?.shell, 'bash');
    assert.match(script?.text ?? '', /^#!\/bin\/bash\n(?:export \w+=""\n)*/);
    assert.match(script?.text ?? '', /export VERSION=""/);
  });

  it('skips non-POSIX shells', () => {
    const model = analyzeText('dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host hi\n').model as DockerfileModel;
    assert.deepEqual(shellcheckScripts(model), []);
  });
});

describe('ShellCheck findings', { skip: binary === undefined && 'shellcheck is not installed (apt-get install shellcheck)' }, () => {
  it('maps positions back through continuations and leaves declared variables alone', () => {
    const text = 'FROM debian:12\nARG DIR=/src\nRUN echo $DIR \\\n  # a comment the builder drops\n  && cd /tmp \\\n  && ls $unset_var\n';
    const found = check(text);
    assert.ok(found.includes('2:9-2:13 SC2086 info'), found.join('\n'));
    assert.ok(found.includes('5:8-5:18 SC2154 warning'), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('SC2154') && f.startsWith('2:')), 'DIR is declared by ARG');
  });

  it('maps positions inside a heredoc RUN', () => {
    const found = check('FROM alpine:3.20\nRUN <<EOF\necho hi\nls $unset_var\nEOF\n');
    assert.ok(found.includes('3:3-3:13 SC2154 warning'), found.join('\n'));
  });

  it('obeys rule settings and suppression comments like rules', () => {
    const text = 'FROM debian:12\nRUN cd /tmp\n# hadolint ignore=SC2164\nRUN cd /var\n# dockhand-ignore SC2164\nRUN cd /opt\n';
    assert.deepEqual(check(text).filter((f) => f.includes('SC2164')).map((f) => f.split(':')[0]), ['1']);
    assert.deepEqual(check(text, { SC2164: 'off' }).filter((f) => f.includes('SC2164')), []);
    assert.ok(check(text, { SC2164: 'error' }).some((f) => f.endsWith('SC2164 error')));
  });

  it('does not follow `source` into files of this machine: they are the image\'s', () => {
    const found = check('FROM debian:12\nRUN . /etc/os-release && . ./env.sh && echo "$ID"\n');
    assert.deepEqual(found.filter((f) => /SC109[01]/.test(f)), []);
  });

  it('reports a binary that does not answer like ShellCheck', async () => {
    const model = analyzeText('dockerfile', 'FROM debian:12\nRUN cd /tmp\n').model as DockerfileModel;
    const [script] = shellcheckScripts(model);
    assert.deepEqual(await runShellcheck('/bin/true', script!), { kind: 'failed', message: "did not print ShellCheck's JSON" });
    assert.equal((await runShellcheck('/nonexistent/shellcheck', script!)).kind, 'failed');
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await runShellcheck(binary!, script!, controller.signal), { kind: 'aborted' });
  });

  it('runs asynchronously for the server', async () => {
    const model = analyzeText('dockerfile', 'FROM debian:12\nRUN cd /tmp\n').model as DockerfileModel;
    const [script] = shellcheckScripts(model);
    const outcome = await runShellcheck(binary!, script!);
    assert.equal(outcome.kind, 'comments');
    assert.ok(outcome.kind === 'comments' && outcome.comments.some((c) => c.code === 2164), JSON.stringify(outcome));
  });
});

describe('ShellCheck ids in the editor features', () => {
  const service = new LanguageService(noFileAccess);
  const source = (text: string, version = 1): SourceDocument => ({ uri: 'untitled:Dockerfile', kind: 'dockerfile', version, text });

  it('explains an SC code in a suppression comment instead of calling it unknown', () => {
    const text = 'FROM alpine:3.20\n# dockhand-ignore SC2164 -- cd checked below\nRUN cd /tmp\n# hadolint ignore=SC2086\nRUN echo $HOME\n';
    const own = service.hover(source(text), { line: 1, character: 20 });
    assert.deepEqual(own?.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 24 } });
    assert.match(own?.markdown ?? '', /ShellCheck check/);
    assert.match(own?.markdown ?? '', /https:\/\/www\.shellcheck\.net\/wiki\/SC2164/);
    assert.doesNotMatch(own?.markdown ?? '', /not a rule Dockhand knows/);
    assert.match(service.hover(source(text), { line: 3, character: 20 })?.markdown ?? '', /As in hadolint[^]*SC2086/);
  });

  it('offers "ignore here" and "ignore in this file" for an external finding, above the whole RUN', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN true \\\n  && cd /tmp\n';
    const finding: Finding = { rule: 'SC2164', severity: 'warning', message: 'Use cd ... || exit (ShellCheck)', range: { start: { line: 3, character: 5 }, end: { line: 3, character: 12 } } };
    const actions = service.codeActions(source(text), finding.range, undefined, [finding]);
    const edits = Object.fromEntries(actions.filter((a) => a.finding === finding).map((a) => [a.title, a.edits]));
    assert.deepEqual(edits, {
      'Ignore SC2164 here': [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '# dockhand-ignore SC2164\n' }],
      'Ignore SC2164 in this file': [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '# dockhand-ignore-file SC2164\n' }],
    });
    assert.deepEqual(service.codeActions(source(text, 2), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, undefined, [finding]).filter((a) => a.finding === finding), [], 'not offered away from the finding');
  });
});

describe('ShellCheck settings and status in the server', () => {
  it('reads dockhand.shellcheck.* from the section or the initialization options', () => {
    assert.deepEqual(readServerSettings(undefined, undefined).shellcheck, { enable: true, path: '' });
    assert.deepEqual(readServerSettings({ shellcheck: { enable: false, path: ' /opt/sc/bin/shellcheck ' } }, undefined).shellcheck, { enable: false, path: '/opt/sc/bin/shellcheck' });
    assert.deepEqual(readServerSettings(undefined, { shellcheck: { path: '/usr/local/bin/shellcheck' } }).shellcheck, { enable: true, path: '/usr/local/bin/shellcheck' });
    assert.deepEqual(readServerSettings({ shellcheck: { enable: 'yes', path: 42 } }, undefined).shellcheck, { enable: true, path: '' });
  });

  it('takes trust only from an explicit boolean', () => {
    assert.equal(trustFromInitializationOptions({ trusted: true }), 'trusted');
    assert.equal(trustFromInitializationOptions({ trusted: false }), 'untrusted');
    assert.equal(trustFromInitializationOptions({ trusted: 'true' }), 'unstated');
    assert.equal(trustFromInitializationOptions(undefined), 'unstated');
  });

  it('counts ShellCheck findings among the problems of the document status', () => {
    const analysis = analyzeText('dockerfile', 'FROM alpine:3.20\nRUN cd /tmp\n');
    const settings = readServerSettings(undefined, undefined);
    const finding: Finding = { rule: 'SC2164', severity: 'warning', message: 'm', range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } } };
    const shellcheck = { state: 'active' as const, binary: '/usr/bin/shellcheck', message: 'ShellCheck checks shell-form RUN', timedOut: 0 };
    const without = documentStatus('untitled:Dockerfile', analysis, settings);
    const status = documentStatus('untitled:Dockerfile', analysis, settings, { status: shellcheck, findings: [finding] });
    assert.equal(without.shellcheck, null);
    assert.equal(status.problems.warning, without.problems.warning + 1);
    assert.deepEqual(status.shellcheck, shellcheck);
  });
});
