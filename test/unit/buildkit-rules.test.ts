import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, analyzeText, applyEdits, type Finding } from '../../server/src/core';
import { isValidImageName } from '../../server/src/core/dockerfile/buildkit/image-name';
import { parsePlatform } from '../../server/src/core/dockerfile/buildkit/platform';
import { buildkitRules } from '../../server/src/core/dockerfile/rules/group-buildkit';
import { expandWord } from '../../server/src/core/dockerfile/buildkit/shell-word';
import { looksLikeSecret } from '../../server/src/core/dockerfile/rules/secret-in-arg-or-env';

const findings = (text: string, rule?: string): Finding[] => analyzeText('dockerfile', text).findings.filter((f) => rule === undefined || f.rule === rule);
const lines = (text: string, rule: string) => findings(text, rule).map((f) => f.range.start.line + 1);
const messages = (text: string, rule: string) => findings(text, rule).map((f) => f.message);

/** Applies every fix of one rule, one at a time from the original text, and returns the results. */
function fixed(text: string, rule: string): string[] {
  return findings(text, rule).flatMap((f) => (f.fix ? [applyEdits(text, f.fix.edits)] : []));
}

describe('BuildKit checks never throw', () => {
  const hostile: [string, string][] = [
    ['empty', ''],
    ['NUL bytes', 'FROM \u0000alpine AS \u0000\nRUN \u0000\\\n\u0000\nENV \u0000 \u0000\n'],
    ['a lone backslash', '\\'],
    ['a backslash at the end of the file', 'FROM alpine:3.20\nRUN echo \\'],
    ['FROM alone', 'FROM'],
    ['FROM AS', 'FROM AS'],
    ['FROM a AS', 'FROM a AS\nFROM a AS b c\nFROM a as'],
    ['ENV alone', 'FROM alpine:3.20\nENV\nENV A\nLABEL\nLABEL =\n'],
    ['ARG =', 'ARG =\nARG ==\nFROM alpine:3.20\nARG =x\nARG "\n'],
    ['escape directive', '# escape=`\nFROM alpine:3.20 AS Build `\n\n  \nRUN echo `\n  hi\nENV A b `\n  c\n'],
    ['CRLF line endings', 'FROM alpine:3.20 as Build\r\nENV A b c\r\nRUN a \\\r\n\r\n  b\r\nEXPOSE 80:80/TCP\r\nWORKDIR app\r\nCMD a\r\nCMD b\r\n'],
    ['lone CR line endings', 'FROM alpine:3.20\rENV A b\rRUN a \\\r\r b\r'],
    ['broken substitutions', 'ARG A=${\nARG B=${B:?}\nARG C="x\nFROM ${\nFROM $\nFROM ${A:-${B}\nFROM ${X/a/b}${Y%%*}${Z#?}\nFROM ${:}'],
    ['broken platforms', 'FROM --platform alpine\nFROM --platform= alpine\nFROM --platform=*/* alpine\nFROM --platform=a/b/c/d alpine\nFROM --platform=$ alpine'],
    ['broken EXPOSE', 'FROM alpine:3.20\nEXPOSE\nEXPOSE :\nEXPOSE ::::\nEXPOSE /\nEXPOSE 80/\nEXPOSE :/TCP\nEXPOSE "80"\n'],
    ['broken WORKDIR and ONBUILD', 'FROM alpine:3.20\nWORKDIR\nWORKDIR "\nONBUILD\nONBUILD WORKDIR app\nONBUILD ENV A b\n'],
    ['broken stage references', 'FROM alpine:3.20 AS Base\nCOPY --from= a b\nCOPY --from a b\nRUN --mount=from ls\nRUN --mount=,,,from=,from=Base ls\nFROM Base\n'],
    ['only comments', '# syntax=docker/dockerfile:1\n# check=skip=all\n# nothing else\n'],
    ['instructions before FROM', 'RUN echo\nCMD a\nCMD b\nENV A b\nFROM alpine:3.20\n'],
    ['unicode', 'FROM alpine:3.20 AS Ünïcode\nENV ÄPFEL_TOKEN wert mit leerzeichen\nARG 🔑_KEY\nWORKDIR 目录\n'],
    ['a very long line', `FROM ${'a'.repeat(20000)}\${X}\nENV K ${'v '.repeat(10000)}\n`],
    ['heredocs', 'FROM alpine:3.20\nRUN <<EOF\n\necho \\\n\nEOF\nCOPY <<EOF /x\nENV A b\nEOF\n'],
  ];
  for (const [name, text] of hostile) {
    it(name, () => {
      const all = findings(text);
      assert.deepEqual(
        all.filter((f) => f.rule === 'internal-error').map((f) => f.message),
        [],
      );
      for (const finding of all) if (finding.fix) applyEdits(text, finding.fix.edits);
    });
  }

  it('stays linear on long pathological input', () => {
    const text = `ARG A=${'$'.repeat(5000)}\nFROM ${'a-'.repeat(5000)}!:\${A}\n${'ENV K v \\\n'.repeat(3000)}\nWORKDIR ${'./'.repeat(5000)}\nEXPOSE ${'1:'.repeat(5000)}\n`;
    // Time BuildKit's checks alone: every other rule is switched off.
    const buildkitIds = new Set(buildkitRules.map((rule) => rule.id));
    const onlyBuildkit = Object.fromEntries(allRules.filter((rule) => !buildkitIds.has(rule.id)).map((rule) => [rule.id, 'off' as const]));
    const start = Date.now();
    analyzeText('dockerfile', text, { rules: onlyBuildkit });
    assert.ok(Date.now() - start < 3000, `took ${Date.now() - start} ms`);
    const name = `${'a'.repeat(300)}-${'b.'.repeat(100)}!`;
    const t = Date.now();
    assert.equal(isValidImageName(name), false);
    assert.ok(Date.now() - t < 200);
  });
});

describe('uppercase-stage-name', () => {
  it('renames the stage and every reference to it, and nothing else', () => {
    const text = [
      'FROM golang:1.23 AS Build',
      'RUN go build -o /out/app .',
      'FROM Build AS test',
      'RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=BUILD,source=/out,target=/in ls /in',
      'ONBUILD COPY --from=Build /x /x',
      'FROM alpine:3.20',
      'COPY --from=build /out/app /app',
      'COPY --from=builder /x /x',
      'FROM alpine:3.20 AS Build',
      'COPY --from=Build /y /y',
      '',
    ].join('\n');
    const [first, second] = fixed(text, 'uppercase-stage-name');
    assert.equal(
      first,
      [
        'FROM golang:1.23 AS build',
        'RUN go build -o /out/app .',
        'FROM build AS test',
        'RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=build,source=/out,target=/in ls /in',
        'ONBUILD COPY --from=Build /x /x',
        'FROM alpine:3.20',
        'COPY --from=build /out/app /app',
        'COPY --from=builder /x /x',
        'FROM alpine:3.20 AS Build',
        'COPY --from=Build /y /y',
        '',
      ].join('\n'),
    );
    assert.match(second ?? '', /AS build\nCOPY --from=build \/y \/y\n$/);
    assert.deepEqual(lines(text, 'duplicate-stage-name'), [9]);
  });
});

describe('legacy-key-value-format', () => {
  it('keeps the value exactly when it rewrites', () => {
    const cases: [string, string][] = [
      ['ENV A b', 'ENV A=b'],
      ['ENV A b  c', 'ENV A="b  c"'],
      ['ENV PATH /x:$PATH', 'ENV PATH=/x:$PATH'],
      ['ENV A "b c"', 'ENV A="b c"'],
      ['ENV A b\\ c', 'ENV A=b\\ c'],
      ['LABEL a.b "x y"', 'LABEL a.b="x y"'],
      ['ENV A $B c', 'ENV A="$B c"'],
      ['ENV A b=c', 'ENV A=b=c'],
    ];
    for (const [before, after] of cases) {
      assert.deepEqual(fixed(`FROM alpine:3.20\r\n${before}\r\n`, 'legacy-key-value-format'), [`FROM alpine:3.20\r\n${after}\r\n`], before);
    }
  });

  it('quotes a value continued over several lines without changing it', () => {
    assert.deepEqual(fixed('FROM alpine:3.20\nENV DEPS \\\n\t\tcurl \\\n\t\tgit\n', 'legacy-key-value-format'), ['FROM alpine:3.20\nENV DEPS="\\\ncurl \\\n\t\tgit"\n']);
    assert.deepEqual(fixed('FROM alpine:3.20\nENV DEPS curl \\\n  git\n', 'legacy-key-value-format'), ['FROM alpine:3.20\nENV DEPS="curl \\\n  git"\n']);
  });

  it('offers no fix where quoting would change the value', () => {
    for (const line of ['ENV A "b" c', "ENV A it's", 'ENV A b\\ c d', 'ENV A \\\n  # note\n  b c']) {
      const all = findings(`FROM alpine:3.20\n${line}\n`, 'legacy-key-value-format');
      assert.equal(all.length, 1, line);
      assert.equal(all[0]?.fix, undefined, line);
    }
  });

  it('leaves the key=value form, ARG and ONBUILD alone', () => {
    assert.deepEqual(lines('FROM alpine:3.20\nENV A=1 B="2 3"\nARG C D=4\nONBUILD ENV E f\nLABEL g=h\n', 'legacy-key-value-format'), []);
  });
});

describe('secret-in-arg-or-env', () => {
  it("follows BuildKit's name heuristic", () => {
    const secret = ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'GITHUB_TOKEN', 'password', 'DB_PASSWD', 'API_KEY', 'apikey', 'AUTH', 'NODE_AUTH_TOKEN', 'SECRET_MESSAGE', 'my_credentials', 'GPG_KEY', 'pword'];
    const fine = ['PUBLIC_KEY', 'GPG_KEY_FILE', 'TOKEN_VERSION', 'KEYCLOAK_URL', 'MONKEY', 'TOKENIZER', 'AUTHOR', 'PASSWORD_FILE', 'SECRETS', 'KEYS', 'HOME'];
    for (const name of secret) assert.ok(looksLikeSecret(name), name);
    for (const name of fine) assert.ok(!looksLikeSecret(name), name);
  });

  it('checks ARG in stages and every ENV key, not global ARGs', () => {
    const text = 'ARG GLOBAL_TOKEN\nFROM alpine:3.20\nARG GLOBAL_TOKEN\nARG A B_TOKEN=x C\nENV D=1 E_PASSWORD=2\nENV F_SECRET legacy value\n';
    assert.deepEqual(
      findings(text, 'secret-in-arg-or-env').map((f) => `${f.range.start.line + 1}:${f.range.start.character}`),
      ['3:4', '4:6', '5:8', '6:4'],
    );
  });
});

describe('FROM and build args', () => {
  it('expands words as BuildKit does', () => {
    const env = new Map([['A', 'a'], ['E', ''], ['D', 'a.b.c']]);
    const cases: [string, string | undefined][] = [
      ['$A', 'a'],
      ['${A}b', 'ab'],
      ['${X:-d}', 'd'],
      ['${E:-d}', 'd'],
      ['${E-d}', ''],
      ['${A:+p}', 'p'],
      ['${X:+p}', ''],
      ['"q $A"', 'q a'],
      ["'$A'", '$A'],
      ['\\$A', '$A'],
      ['${X:?missing}', undefined],
      ['"open', undefined],
      ['${A', undefined],
      ['${D#*.}', 'b.c'],
      ['${D##*.}', 'c'],
      ['${D%.*}', 'a.b'],
      ['${D%%.*}', 'a'],
      ['${D#z}', 'a.b.c'],
      ['${D//./-}', 'a-b-c'],
    ];
    for (const [word, result] of cases) assert.equal(expandWord(word, env).result, result, word);
    assert.deepEqual([...expandWord('${X:-$Y}', env).unmatched].sort(), ['X', 'Y']);
  });

  it('undefined-arg-in-from knows declared, predefined and proxy args', () => {
    const text = [
      'ARG DECLARED',
      'ARG WITH_VALUE=1',
      'FROM img:${DECLARED}${WITH_VALUE}-${TARGETARCH}${TARGETVARIANT}-${BUILDOSVERSION}-$http_proxy',
      'ARG IN_STAGE=1',
      'FROM --platform=$BUILDPLATFORM img:${IN_STAGE:-x} AS b',
      'FROM img:$Declared',
      '',
    ].join('\n');
    assert.deepEqual(lines(text, 'undefined-arg-in-from'), [5, 6]);
    assert.match(messages(text, 'undefined-arg-in-from')[1] ?? '', /'Declared'.*did you mean 'DECLARED'/);
  });

  it('invalid-default-arg-in-from evaluates the defaults in order', () => {
    const ok = ['ARG A=alpine\nARG B=${A}:3.20\nFROM $B', 'ARG V\nFROM alpine${V}', 'FROM ${TARGETOS}/${TARGETARCH}', 'ARG X="a b"\nFROM alpine:3.20', 'ARG R\nFROM ${R:-docker.io}/library/alpine'];
    const bad = ['ARG T\nFROM alpine:$T', 'ARG R=""\nFROM $R/app', 'FROM $UNDECLARED', 'ARG I=Alpine\nFROM $I', 'ARG B="a b"\nFROM $B'];
    for (const text of ok) assert.deepEqual(lines(text, 'invalid-default-arg-in-from'), [], text);
    for (const text of bad) assert.equal(lines(text, 'invalid-default-arg-in-from').length, 1, text);
    assert.deepEqual(lines('ARG B=${B:?required}\nFROM $B', 'invalid-default-arg-in-from'), [], 'BuildKit gives up when the defaults fail');
  });

  it('validates image names as distribution/reference does', () => {
    const valid = ['alpine', 'alpine:3.20', 'docker.io/library/alpine:3.20', 'localhost:5000/a/b', 'Registry.Example.com/app', 'a@sha256:' + 'a'.repeat(64), 'ghcr.io/o/a_b__c-d.e:v1.0_rc', '[::1]:5000/app', '666:666'];
    const invalid = ['', 'Alpine', 'alpine:', ':tag', '/app', 'app/', 'a//b', 'alpine:-x', 'a'.repeat(64).replace(/a/g, 'f'), 'a b', 'alpine@sha256:abc', 'docker.io/Library/alpine'];
    for (const name of valid) assert.ok(isValidImageName(name), name);
    for (const name of invalid) assert.ok(!isValidImageName(name), name);
  });

  it('platform flags: redundant $TARGETPLATFORM and constants', () => {
    const text = [
      'FROM --platform=$TARGETPLATFORM a:1 AS one',
      'FROM --platform="${TARGETPLATFORM}" a:1 AS two',
      'FROM --platform=${TARGETPLATFORM:-linux/arm64} a:1 AS three',
      'FROM --platform=$TARGETOS/$TARGETARCH a:1 AS four',
      'FROM --platform=linux/arm64 a:1 AS five',
      'FROM --platform=linux/arm64 a:1 AS five-arm64',
      'FROM --platform=windows/amd64 a:1 AS win',
      'FROM --platform=x86_64 a:1 AS build-amd64',
      'FROM --platform=nonsense/ a:1',
      '',
    ].join('\n');
    assert.deepEqual(lines(text, 'redundant-target-platform'), [1, 2, 3]);
    assert.deepEqual(lines(text, 'constant-platform-flag'), [5, 7], 'win does not contain windows');
    assert.deepEqual(fixed('FROM --platform=$TARGETPLATFORM  alpine:3.20\n', 'redundant-target-platform'), ['FROM alpine:3.20\n']);
    assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: '' });
    assert.deepEqual(parsePlatform('armhf'), { os: 'linux', architecture: 'arm', variant: 'v7' });
    assert.equal(parsePlatform('linux/*'), undefined);
  });
});

describe('stage rules', () => {
  it('duplicate and reserved names compare lower-cased, with exactly three words', () => {
    const text = 'FROM a:1 AS x\nFROM a:1 AS X\nFROM a:1 AS Scratch\nFROM a:1 AS context\nFROM a:1 AS x y\n';
    assert.deepEqual(lines(text, 'duplicate-stage-name'), [2]);
    assert.deepEqual(lines(text, 'reserved-stage-name'), [3, 4]);
  });

  it('FROM/AS casing is only checked when FROM is consistently cased', () => {
    assert.deepEqual(lines('FROM a:1 as x\nfrom a:1 AS y\nFrom a:1 as z\nFROM a:1 AS w\nfrom a:1 as v\n', 'from-as-casing-mismatch'), [1, 2]);
  });

  it('instruction casing: majority wins, upper case on a tie, mixed case always', () => {
    assert.deepEqual(lines('from a:1\nRUN x\n', 'inconsistent-instruction-casing'), [1]);
    assert.deepEqual(lines('from a:1\nrun x\nRUN y\n', 'inconsistent-instruction-casing'), [3]);
    assert.deepEqual(lines('FROM a:1\nRun x\n', 'inconsistent-instruction-casing'), [2]);
    assert.deepEqual(lines('arg A=1\nFROM a:1\nRUN x\n', 'inconsistent-instruction-casing'), [], 'ARGs before the first FROM are not counted');
  });

  it('overridden-instruction is per stage and reports the instruction that has no effect', () => {
    const text = 'FROM a:1 AS base\nCMD ["a"]\nENTRYPOINT ["e"]\nFROM base\nCMD ["b"]\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK NONE\nCMD ["c"]\nONBUILD CMD ["d"]\n';
    assert.deepEqual(lines(text, 'overridden-instruction'), [5, 6]);
    assert.match(messages(text, 'overridden-instruction')[0] ?? '', /CMD on line 8/);
  });

  it('relative-workdir: the first WORKDIR of a stage chain, after expansion', () => {
    const text = [
      'FROM a:1 AS base',
      'WORKDIR /srv',
      'FROM base AS child',
      'WORKDIR app',
      'FROM a:1',
      'WORKDIR $HOME/app',
      'WORKDIR rel',
      'FROM a:1',
      'WORKDIR "app"',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022',
      'WORKDIR C:\\app',
      'FROM a:1',
      'WORKDIR ../up',
      '',
    ].join('\n');
    assert.deepEqual(lines(text, 'relative-workdir'), [9, 13]);
    assert.deepEqual(
      findings(text, 'relative-workdir').map((f) => f.fix?.edits[0]?.newText),
      [undefined, undefined],
    );
  });
});

describe('empty-continuation-line', () => {
  it('finds whitespace-only lines inside a continuation, with any line ending and escape character', () => {
    assert.deepEqual(lines('FROM a:1\r\nRUN a \\\r\n \r\n  b\r\n', 'empty-continuation-line'), [2]);
    assert.deepEqual(lines('# escape=`\nFROM a:1\nRUN a `\n\n  b\nRUN c \\\n\n  d\n', 'empty-continuation-line'), [3]);
    assert.deepEqual(lines('FROM a:1\nRUN a \\\n  # comment\n  b\n\nRUN c\n', 'empty-continuation-line'), []);
    assert.deepEqual(fixed('FROM a:1\nRUN a \\\n\n\t\n  b\n', 'empty-continuation-line'), ['FROM a:1\nRUN a \\\n  b\n']);
  });
});

describe('EXPOSE', () => {
  it('splits ports as BuildKit does', () => {
    const text = 'FROM a:1\nEXPOSE 80:80 [::1]:80:80 :80 80/Tcp 1.2.3.4:80:80/UDP $PORT:80 "8080:80"\n';
    assert.deepEqual(
      findings(text, 'expose-host-port').map((f) => f.fix?.edits[0]?.newText),
      ['80', '80', '80/UDP'],
    );
    assert.deepEqual(
      findings(text, 'uppercase-expose-protocol').map((f) => f.fix?.edits[0]?.newText),
      ['tcp', 'udp'],
    );
  });
});
