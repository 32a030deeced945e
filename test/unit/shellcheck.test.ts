import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core';
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

  it('runs asynchronously for the server', async () => {
    const model = analyzeText('dockerfile', 'FROM debian:12\nRUN cd /tmp\n').model as DockerfileModel;
    const [script] = shellcheckScripts(model);
    const comments = await runShellcheck(binary!, script!);
    assert.ok(comments.some((c) => c.code === 2164));
  });
});
