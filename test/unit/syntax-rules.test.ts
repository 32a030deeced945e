import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core';
import { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { syntaxRules } from '../../server/src/core/dockerfile/rules/group-syntax';
import { parseGoDuration } from '../../server/src/core/dockerfile/syntax/duration';
import { execForm } from '../../server/src/core/dockerfile/syntax/json-form';
import { mountProblems } from '../../server/src/core/dockerfile/syntax/mount';
import { referenceProblem } from '../../server/src/core/dockerfile/syntax/reference';
import { frontendSyntax, syntaxOf } from '../../server/src/core/dockerfile/syntax/scan';
import { leadingFlags, lexProblem, shellWords } from '../../server/src/core/dockerfile/syntax/words';

const syntaxIds = new Set(syntaxRules.map((rule) => rule.id));

function syntaxFindings(text: string): { rule: string; line: number; message: string }[] {
  return analyzeText('dockerfile', text)
    .findings.filter((f) => syntaxIds.has(f.rule) || f.rule === 'internal-error')
    .map((f) => ({ rule: f.rule, line: f.range.start.line, message: f.message }));
}

const rulesOf = (text: string): string[] => syntaxFindings(text).map((f) => f.rule);

/** Inputs a half-typed or hostile file can contain; no rule may throw on them. */
const hostile: [string, string][] = [
  ['NUL', '\u0000'],
  ['lone backslash', '\\'],
  ['lone backtick escape', '# escape=`\n`'],
  ['empty', ''],
  ['blank lines', '\n\n\n'],
  ['bare FROM', 'FROM'],
  ['bare hash', '#'],
  ['empty escape directive', '# escape=\nFROM a'],
  ['empty mount', 'FROM a\nRUN --mount='],
  ['mount with an open quote', 'FROM a\nRUN --mount="type=cache'],
  ['mount with a trailing comma', 'FROM a\nRUN --mount=type=cache,'],
  ['empty interval', 'HEALTHCHECK --interval='],
  ['huge interval', 'FROM a\nHEALTHCHECK --interval=99999999999999999999h --retries=999999999999999 CMD x'],
  ['unterminated heredoc', 'FROM a\nRUN <<EOF\n'],
  ['heredoc marker alone', 'FROM a\nCOPY <<\nRUN <<-\nRUN 0<<EOF <<EOF2\n'],
  ['continuation at end of file', 'FROM a\nRUN echo \\'],
  ['continuation of nothing', '\\\n\\\n\\'],
  ['open JSON', 'FROM a\nRUN ["\nCMD [\'\nSHELL [\nVOLUME [1]\nCOPY [{}]'],
  ['open substitution', 'FROM a\nENV A=${\nLABEL B=${A:-${B:-${C\nWORKDIR $'],
  ['deeply nested substitution', `FROM a\nENV A=${'${A:-'.repeat(3000)}`],
  ['flag terminator', 'FROM a\nCOPY --\nCOPY -- --\nCOPY --=x a b\nCOPY ---x a b'],
  ['odd expose', 'FROM a\nEXPOSE - : / :/ 1-2-3 -1 1:2:3:4/tcp'],
  ['odd stopsignal', 'FROM a\nSTOPSIGNAL SIG\nSTOPSIGNAL -\nSTOPSIGNAL 99999999999999999999'],
  ['empty onbuild', 'FROM a\nONBUILD\nONBUILD ONBUILD\nONBUILD --x\nONBUILD RUN <<EOF'],
  ['odd references', 'FROM @\nFROM a:b@\nFROM [\nFROM a AS\nFROM ::\nFROM a/../b'],
  ['byte-order mark and CRLF', '\ufeff# syntax=docker/dockerfile:1\r\nFROM a\r\nRUN b \\\r\n  c\r\n'],
  ['lone carriage returns and separators', 'FROM a\rRUN b\u2028RUN c\u0085'],
  ['quotes everywhere', 'FROM a\nLABEL "\nARG =\nENV \'\nUSER "\nWORKDIR \'"'],
  ['long line', `FROM a\nRUN ${'a '.repeat(100000)}`],
  ['many continuations', `FROM a\nRUN echo \\\n${'  x \\\n'.repeat(5000)}  done`],
  ['unicode keywords', 'FRÖM a\nRUN\u00a0x\n\u3000FROM b'],
  ['trigger flags', 'FROM a\nONBUILD HEALTHCHECK --interval=x CMD y\nONBUILD RUN --mount=type=nope true'],
];

describe('syntax rules on hostile input', () => {
  for (const [name, text] of hostile) {
    it(`never throw: ${name}`, () => {
      const started = Date.now();
      const findings = analyzeText('dockerfile', text).findings;
      assert.deepEqual(
        findings.filter((f) => f.rule === 'internal-error').map((f) => f.message),
        [],
      );
      // A guard against hangs and runaway backtracking, not a benchmark.
      assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
    });
  }

  it('take time linear in the size of the file', () => {
    const block = 'RUN --mount=type=cache,target=/root/.cache echo "${HOME:-/root}" && \\\n    true\nENV A=1 B="two words"\nEXPOSE 80/tcp 443\n';
    const time = (blocks: number): number => {
      const model = new DockerfileModel(`FROM alpine:3.20\n${block.repeat(blocks)}`);
      const started = performance.now();
      for (const rule of syntaxRules) rule.check({ model, report: () => undefined } as unknown as Parameters<typeof rule.check>[0]);
      return performance.now() - started;
    };
    time(200); // warm up
    const small = Math.min(time(250), time(250));
    const large = Math.min(time(1000), time(1000));
    assert.ok(large < 5000, `4,000 lines took ${large.toFixed(0)} ms`);
    assert.ok(large < small * 12 + 100, `4x the lines took ${(large / small).toFixed(1)}x the time (${small.toFixed(0)} ms, ${large.toFixed(0)} ms)`);
  });
});

describe('syntax scan', () => {
  it('reads directives as the builder does', () => {
    const info = syntaxOf(new DockerfileModel('# syntax=docker/dockerfile:1\n  # ESCAPE = `\n# check=error=true\n\nFROM a\n'));
    assert.deepEqual(
      info.header.directives.map((d) => [d.name, d.value]),
      [
        ['syntax', 'docker/dockerfile:1'],
        ['escape', '`'],
        ['check', 'error=true'],
      ],
    );
    assert.equal(info.escape, '`');
    assert.deepEqual(info.header.end, { line: 3, reason: 'blank' });
  });

  it('stops reading directives at an unknown one, unlike dockerfile-ast', () => {
    const text = '# foo=bar\n# escape=`\nFROM a\nRUN echo `\n  b\n';
    const info = syntaxOf(new DockerfileModel(text));
    assert.equal(info.escape, '\\');
    assert.equal(info.header.end.reason, 'unknown-directive');
    // With `\` as escape, the backtick continues nothing: `b` is an instruction of its own.
    assert.deepEqual(
      info.statements.map((s) => s.upper),
      ['FROM', 'RUN', 'B'],
    );
    assert.deepEqual(rulesOf(text).sort(), ['misplaced-directive', 'unknown-instruction']);
  });

  it('joins continuations, drops inner comments and blank lines, and maps offsets back', () => {
    const text = 'FROM a\nRUN --network=none \\\n# note\n\n    echo hi\n';
    const info = syntaxOf(new DockerfileModel(text));
    const run = info.statements[1]!;
    assert.equal(run.line.text, 'RUN --network=none     echo hi');
    assert.equal(run.rest, 'echo hi');
    assert.deepEqual(run.line.range(run.restStart, run.restEnd), { start: { line: 4, character: 4 }, end: { line: 4, character: 11 } });
    assert.deepEqual(info.commentLines, [2]);
  });

  it('skips heredoc bodies, and treats a JSON form or a glued << as no heredoc', () => {
    const info = syntaxOf(new DockerfileModel('FROM a\nRUN <<A cat <<-"B"\nFROM x\nA\n\tB\nRUN ["<<C"]\nRUN cat<<D\n'));
    assert.deepEqual(
      info.statements.map((s) => [s.upper, s.heredocs.map((h) => h.name)]),
      [
        ['FROM', []],
        ['RUN', ['A', 'B']],
        ['RUN', []],
        ['RUN', []],
      ],
    );
  });

  it('reads flags as the builder does: quotes removed, a space ends the flag', () => {
    const { flags, rest } = leadingFlags('--chown="a b" --link -- --not-a-flag x', 0);
    assert.deepEqual(
      flags.map((f) => f.processed),
      ['--chown=a b', '--link'],
    );
    assert.equal('--chown="a b" --link -- --not-a-flag x'.slice(rest).trim(), '--not-a-flag x');
  });

  it('splits key=value words with quotes and escapes', () => {
    assert.deepEqual(
      shellWords('A="x y" B=a\\ b C=\'q"\' D', 0, '\\').map((w) => [w.text, w.openQuote]),
      [
        ['A="x y"', false],
        ['B=a\\ b', false],
        ['C=\'q"\'', false],
        ['D', false],
      ],
    );
    assert.equal(shellWords('A="open', 0, '\\')[0]?.openQuote, true);
  });

  it('knows which frontend a syntax directive selects', () => {
    assert.deepEqual(frontendSyntax('docker/dockerfile:1.7-labs'), { image: 'docker/dockerfile:1.7-labs', standard: true, version: [1, 7], labs: true });
    assert.deepEqual(frontendSyntax('docker.io/docker/dockerfile-upstream:master').version, undefined);
    assert.equal(frontendSyntax('docker/dockerfile:1').version, undefined);
    assert.equal(frontendSyntax('docker/dockerfile:1.2-experimental').version, undefined);
    assert.equal(frontendSyntax('devthefuture/dockerfile-x').standard, false);
  });

  it('leaves files for other frontends alone', () => {
    assert.deepEqual(rulesOf('# syntax=devthefuture/dockerfile-x\nFROM alpine:3.20\nINCLUDE ./common.Dockerfile\n'), []);
  });
});

describe('syntax helpers', () => {
  it('parse Go durations', () => {
    const ns = (text: string): number | string => {
      const result = parseGoDuration(text);
      return result.ok ? result.nanoseconds : 'error';
    };
    assert.equal(ns('30s'), 30e9);
    assert.equal(ns('1m30s'), 90e9);
    assert.equal(ns('1.5h'), 5400e9);
    assert.equal(ns('.5s'), 0.5e9);
    assert.equal(ns('300ms'), 300e6);
    assert.equal(ns('10\u00b5s'), 10e3);
    assert.equal(ns('0'), 0);
    assert.equal(ns('-0'), 0);
    assert.equal(ns('-5s'), -5e9);
    for (const bad of ['', '30', '5sec', '1.5.s', 's', '.s', '1d', '+', 'abc', '9999999999h']) assert.equal(ns(bad), 'error', bad);
  });

  it('validate image references', () => {
    for (const good of [
      'alpine',
      'alpine:3.20',
      'library/alpine',
      'docker.io/library/alpine:latest',
      'localhost/app',
      'localhost:5000/team/app:1.2',
      'Registry.Example.com/a/b',
      '[::1]:5000/foo',
      'a__b/c-d--e/f.g_h:V1.0_rc-1',
      `alpine@sha256:${'a'.repeat(64)}`,
      `alpine:3@sha512:${'0'.repeat(128)}`,
    ]) {
      assert.equal(referenceProblem(good), undefined, good);
    }
    for (const bad of [
      '',
      'Alpine',
      'alpine:',
      'alpine:-x',
      `alpine:${'x'.repeat(129)}`,
      'alpine@sha256:abc',
      `alpine@md5:${'a'.repeat(32)}`,
      `alpine@sha256:${'A'.repeat(64)}`,
      'a//b',
      'a/',
      '-a',
      'a.-b',
      'a_._b',
      'a___b',
      'host:port/app',
      'bad_host.com/app',
      'a b',
      '#comment',
      'a'.repeat(64).replace(/a/g, 'f'),
    ]) {
      assert.notEqual(referenceProblem(bad), undefined, bad);
    }
  });

  it('check mount options by type', () => {
    const messages = (value: string): string[] => mountProblems(value).map((p) => p.message);
    assert.deepEqual(messages('type=cache,target=/x,sharing=locked,id=a,mode=0755,uid=1,gid=2,ro'), []);
    assert.deepEqual(messages('target=/x,type=secret,id=a,required,env=TOKEN'), []);
    assert.deepEqual(messages('type=tmpfs,dst=/tmp,size=1.5GiB'), []);
    assert.equal(messages('type=cache,target=/x,sharing=nope').length, 1);
    assert.equal(messages('type=bind,target=/x,sharing=locked').length, 1);
    assert.equal(messages('type=secret').length, 1);
    assert.equal(messages('type=bind,from=$X,target=/x').length, 1);
    assert.equal(messages('type=bind,target=/x,mode=$MODE').length, 1);
    assert.deepEqual(messages('type=cache,target=/x,uid=$UID'), []);
    assert.equal(messages('a"b').length, 1);
  });

  it('classify exec form like the builder', () => {
    const kind = (text: string): string => {
      const form = execForm(text, 0, text.length);
      return form.kind === 'malformed' ? `malformed:${form.reason}` : form.kind;
    };
    assert.equal(kind('["a", "b"]'), 'json');
    assert.equal(kind('[]'), 'json');
    assert.equal(kind('["a", 1]'), 'non-string');
    assert.equal(kind("['a', 'b']"), 'malformed:single-quotes');
    assert.equal(kind('["c:\\x"]'), 'malformed:bad-escape');
    assert.equal(kind('["a" "b"]'), 'malformed:missing-comma');
    assert.equal(kind('["a",]'), 'malformed:trailing-comma');
    assert.equal(kind('["a"] # c'), 'malformed:trailing-text');
    assert.equal(kind('[ -f x ] && y'), 'shell');
    assert.equal(kind('[ "$A" = b ]'), 'shell');
    assert.equal(kind('echo ["a"]'), 'shell');
  });

  it('find the errors of the variable lexer', () => {
    const problem = (text: string): string | undefined => lexProblem(text, 0, text.length, '\\')?.kind;
    for (const good of ['$A', '${A}', '${A:-b}', '${A-b}', '${A:+b}', '${A+b}', '${A:?m}', '${A?m}', '${A#p}', '${A##p}', '${A%p}', '${A%%p}', '${A/p/r}', '${A//p/r}', '${A:-${B:-c}}', "'${A:=x}'", '\\${A:=x}', '$', '$1', '"a\\"b"', "it\\'s"]) {
      assert.equal(problem(good), undefined, good);
    }
    assert.equal(problem('${A:=x}'), 'substitution');
    assert.equal(problem('${A'), 'substitution');
    assert.equal(problem('${}'), 'substitution');
    assert.equal(problem('${#A}'), 'substitution');
    assert.equal(problem('${A:-"x}'), 'substitution');
    assert.equal(problem('"open'), 'quote');
    assert.equal(problem("'open"), 'quote');
    assert.equal(problem('"a\\"'), 'quote');
  });
});

describe('syntax rules, end to end', () => {
  it('report a missed line continuation once, on the next line', () => {
    assert.deepEqual(syntaxFindings('FROM alpine:3.20\nRUN apk add curl &&\n    curl --version\n').map((f) => [f.rule, f.line]), [['unknown-instruction', 2]]);
  });

  it('respect the backtick escape directive', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\nCOPY app c:\\app\\\nEXPOSE 80 `\n  99999\n';
    assert.deepEqual(syntaxFindings(text).map((f) => [f.rule, f.line]), [['invalid-port', 6]]);
  });

  it('report ONBUILD triggers as failing downstream builds', () => {
    const findings = syntaxFindings('FROM alpine:3.20\nONBUILD COPY --form=build /a /b\n');
    assert.deepEqual(findings.map((f) => f.rule), ['unknown-flag']);
    assert.match(findings[0]!.message, /ONBUILD/);
  });

  it('accept every form of the Dockerfile reference', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      '# check=skip=JSONArgsRecommended;error=true',
      'ARG BASE=alpine:3.20',
      'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
      'RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=token,env=TOKEN --network=none true',
      'RUN <<EOF',
      '  echo hello',
      'EOF',
      'COPY --from=build --chown=10001:10001 --chmod=u=rwX,go=rX --link --parents --exclude=*.md ./src/ /app/',
      'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --unpack=true https://example.com/a.tar.gz /opt/',
      'ENV A=1 B="two words" C=${A:-x}',
      'LABEL org.opencontainers.image.title="app"',
      'EXPOSE 8080/tcp 53/udp 9000-9010',
      'HEALTHCHECK --interval=1m30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD ["wget", "-qO-", "http://localhost:8080/"]',
      'STOPSIGNAL SIGRTMIN+3',
      'SHELL ["/bin/sh", "-c"]',
      'VOLUME ["/data"]',
      'USER 10001:10001',
      'WORKDIR /app',
      'ONBUILD COPY . /app',
      'ENTRYPOINT ["/app/run"]',
      'CMD ["--port", "8080"]',
      '',
    ].join('\n');
    assert.deepEqual(syntaxFindings(text), []);
  });
});
