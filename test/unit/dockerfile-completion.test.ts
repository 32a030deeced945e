import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, applyEdits, findRule, LanguageService, memoryFileAccess, type CompletionItem, type SourceDocument } from '../../server/src/core';
import { mountOptionsByType } from '../../server/src/core/dockerfile/completion';
import { officialImages } from '../../server/src/core/dockerfile/data/official-images';
import { instructionFlags } from '../../server/src/core/dockerfile/syntax/flags';
import { mountProblems, mountTypes } from '../../server/src/core/dockerfile/syntax/mount';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });

/** Completion at the `|` marker, which is removed from the text. */
function complete(marked: string): CompletionItem[] {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split(/\r?\n/);
  return service.completion(doc(text), { line: before.length - 1, character: before[before.length - 1]!.length });
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const item = (items: CompletionItem[], label: string): CompletionItem => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no '${label}' in ${JSON.stringify(labels(items))}`);
  return found;
};

/** Expands a snippet with every placeholder at its default. */
const expand = (body: string): string => body.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\d+/g, '');

describe('Dockerfile completion: instructions', () => {
  it('offers the instructions at the start of a line, replacing the word typed', () => {
    const items = complete('FROM alpine:3.20\nru|');
    const run = item(items, 'RUN');
    assert.equal(run.kind, 'keyword');
    assert.equal(run.insertText, 'RUN ');
    assert.deepEqual(run.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.match(run.documentation ?? '', /build\*\* time/);
    assert.ok(!labels(items).includes('MAINTAINER'), 'deprecated MAINTAINER is not offered');
    const cache = item(items, 'RUN --mount=type=cache');
    assert.equal(cache.insertTextFormat, 'snippet');
    assert.equal(cache.insertText, 'RUN --mount=type=cache,target=${1:/root/.cache} ${2:command}');
    assert.equal(cache.filterText, 'RUN');
    assert.equal(item(items, 'FROM image:tag AS name').insertText, 'FROM ${1:image}:${2:tag} AS ${3:name}');
    assert.equal(item(items, 'COPY --from=stage').insertText, 'COPY --from=${1:stage} ${2:/src} ${3:/dest}');
    assert.match(item(items, 'HEALTHCHECK --interval=30s CMD ...').insertText ?? '', /^HEALTHCHECK --interval=\$\{1:30s\}.* CMD \$\{5:command\}$/);
  });

  it('asks for the arguments after keywords that have completions', () => {
    const items = complete('|');
    assert.equal(item(items, 'FROM').retrigger, true);
    assert.equal(item(items, 'RUN').retrigger, undefined);
  });

  it('replaces the whole keyword when editing one, without doubling the space', () => {
    const items = complete('FROM alpine:3.20\nR|UN echo hi\n');
    const run = item(items, 'RUN');
    assert.equal(run.insertText, 'RUN');
    assert.deepEqual(run.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.ok(!items.some((i) => i.kind === 'snippet'), 'no snippets over an existing instruction');
  });

  it('offers only trigger instructions after ONBUILD', () => {
    const items = labels(complete('FROM alpine:3.20\nONBUILD |'));
    assert.ok(items.includes('RUN') && items.includes('COPY'));
    assert.ok(!items.includes('FROM') && !items.includes('ONBUILD'));
  });

  it('writes snippets that expand to clean instructions', () => {
    const snippets = complete('|').filter((i) => i.kind === 'snippet');
    assert.ok(snippets.length >= 15);
    for (const snippet of snippets) {
      const text = `# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS stage\nFROM alpine:3.20\n${expand(snippet.insertText ?? '')}\n`;
      const findings = service.analyze(doc(text)).findings.filter((f) => findRule(f.rule)?.category === 'syntax');
      assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), [], `${snippet.label}:\n${text}`);
    }
  });
});

describe('Dockerfile completion: flags', () => {
  it('offers exactly the flags the syntax rules accept for the instruction', () => {
    for (const keyword of Object.keys(instructionFlags)) {
      const items = complete(`FROM alpine:3.20\n${keyword} --|`);
      assert.deepEqual(labels(items).sort(), Object.keys(instructionFlags[keyword]!).map((f) => `--${f}`).sort(), keyword);
    }
    assert.deepEqual(complete('FROM alpine:3.20\nWORKDIR --|'), []);
  });

  it('inserts `=` and asks for a value for flags that take one; leaves out flags already given once', () => {
    const items = complete('FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --link --mo|');
    assert.ok(!labels(items).includes('--link'));
    const from = item(items, '--from');
    assert.equal(from.insertText, '--from=');
    assert.equal(from.retrigger, true);
    assert.match(from.documentation ?? '', /COPY --from/);
    assert.deepEqual(from.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 16 } });
    const mounts = complete('FROM alpine:3.20\nRUN --mount=type=cache,target=/a --|');
    assert.ok(labels(mounts).includes('--mount'), '--mount may be repeated');
    assert.equal(item(complete('FROM alpine:3.20\nCOPY --|'), '--link').insertText, '--link');
  });

  it('reads flags across line continuations', () => {
    assert.ok(labels(complete('FROM alpine:3.20\nRUN --mount=type=cache,target=/a \\\n    --net|')).includes('--network'));
    assert.ok(labels(complete('FROM alpine:3.20\r\nRUN --mount=type=cache,target=/a \\\r\n    --net|')).includes('--network'));
  });

  it('offers no flags once the arguments have started', () => {
    assert.deepEqual(complete('FROM alpine:3.20\nRUN apt-get install -|'), []);
  });

  it('offers values for --network, --security, --platform, durations and booleans', () => {
    assert.deepEqual(labels(complete('FROM alpine:3.20\nRUN --network=|')), ['default', 'none', 'host']);
    assert.deepEqual(labels(complete('FROM alpine:3.20\nRUN --security=|')), ['sandbox', 'insecure']);
    assert.ok(labels(complete('FROM --platform=|')).includes('$BUILDPLATFORM'));
    assert.ok(labels(complete('FROM alpine:3.20\nHEALTHCHECK --interval=|')).includes('30s'));
    assert.deepEqual(labels(complete('FROM alpine:3.20\nCOPY --link=|')), ['true', 'false']);
  });
});

describe('Dockerfile completion: RUN --mount', () => {
  it('offers type= first, then the types', () => {
    const first = complete('FROM alpine:3.20\nRUN --mount=|');
    assert.equal(first[0]?.label, 'type');
    assert.equal(first[0]?.insertText, 'type=');
    assert.equal(first[0]?.retrigger, true);
    assert.deepEqual(labels(complete('FROM alpine:3.20\nRUN --mount=type=|')), [...mountTypes]);
  });

  it('offers the options of the mount type, not those given already', () => {
    const cache = labels(complete('FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,|'));
    assert.ok(cache.includes('sharing') && cache.includes('id'));
    assert.ok(!cache.includes('type') && !cache.includes('target') && !cache.includes('size'));
    assert.deepEqual(labels(complete('FROM alpine:3.20\nRUN --mount=type=tmpfs,|')), ['target', 'size']);
    const secret = labels(complete('FROM alpine:3.20\nRUN --mount=type=secret,|'));
    assert.ok(secret.includes('env') && secret.includes('required') && !secret.includes('from'));
    assert.match(item(complete('FROM alpine:3.20\nRUN --mount=type=cache,|'), 'sharing').documentation ?? '', /locked/);
  });

  it('offers only options that the mount rule accepts for the type', () => {
    const sample: Record<string, string> = { target: '/x', source: 'x', from: 'x', rw: 'true', ro: 'true', id: 'x', sharing: 'locked', mode: '0755', uid: '1', gid: '1', size: '64m', env: 'X', required: 'true' };
    for (const type of mountTypes) {
      for (const option of mountOptionsByType[type]) {
        assert.ok(sample[option], option);
        const id = type === 'secret' && option !== 'id' ? ',id=x' : '';
        assert.deepEqual(mountProblems(`type=${type},${option}=${sample[option]}${id}`), [], `${type} ${option}`);
      }
    }
  });

  it('offers values: sharing modes, cache directories, earlier stages for from=', () => {
    assert.deepEqual(labels(complete('FROM alpine:3.20\nRUN --mount=type=cache,sharing=|')), ['shared', 'private', 'locked']);
    assert.ok(labels(complete('FROM alpine:3.20\nRUN --mount=type=cache,target=|')).includes('/root/.cache/pip'));
    assert.deepEqual(labels(complete('FROM golang:1.23 AS deps\nFROM alpine:3.20 AS app\nRUN --mount=from=|\nFROM alpine:3.20 AS later\n')), ['deps']);
  });
});

describe('Dockerfile completion: stages and images', () => {
  const stages = 'FROM golang:1.23 AS build\nFROM alpine:3.20 AS tools\nFROM alpine:3.20 AS final\n';

  it('offers earlier stages after COPY --from=, not the current or later ones', () => {
    const items = complete(`${stages}COPY --from=|\nFROM alpine:3.20 AS after\n`);
    assert.deepEqual(labels(items), ['build', 'tools']);
    assert.equal(items[0]!.kind, 'reference');
    assert.match(items[0]!.documentation ?? '', /golang:1\.23/);
  });

  it('offers earlier stages, scratch and base images in FROM', () => {
    const items = complete(`${stages}FROM |`);
    const names = labels(items);
    assert.deepEqual(names.slice(0, 4), ['build', 'tools', 'final', 'scratch']);
    for (const image of ['python', 'node', 'golang', 'alpine', 'debian', 'ubuntu', 'nginx', 'postgres', 'redis', 'eclipse-temurin', 'rust', 'ruby', 'php', 'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/runtime', 'gcr.io/distroless/static-debian12']) {
      assert.ok(names.includes(image), image);
    }
    const python = item(items, 'python');
    assert.equal(python.insertText, 'python:');
    assert.equal(python.retrigger, true);
  });

  it('offers tag families after the colon, replacing only the tag', () => {
    const items = complete('FROM python:3.1|');
    assert.ok(labels(items).includes('3.12-slim'));
    const slim = item(items, '3.12-slim');
    assert.equal(slim.detail, 'tag family');
    assert.deepEqual(slim.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 15 } });
    assert.ok(labels(complete('FROM node:|')).includes('22-alpine'));
    assert.ok(labels(complete('FROM mcr.microsoft.com/dotnet/aspnet:|')).includes('8.0'));
    assert.deepEqual(complete('FROM example.com/unknown:|'), []);
  });

  it('never claims a version is the latest', () => {
    for (const image of officialImages) {
      for (const tag of image.tags) assert.doesNotMatch(`${image.description} ${tag.note}`, /latest (version|release)|newest|current version/i, `${image.name}:${tag.tag}`);
    }
  });

  it('offers AS after the image and nothing after the stage name', () => {
    assert.deepEqual(labels(complete('FROM alpine:3.20 |')), ['AS']);
    assert.deepEqual(complete('FROM alpine:3.20 AS b|'), []);
  });
});

describe('Dockerfile completion: variables', () => {
  const file = 'ARG BASE=alpine:3.20\nARG SECRET_GLOBAL\nFROM ${BASE} AS build\nARG VERSION=1.0\nENV APP_HOME=/app\n';

  it('offers ARG and ENV in scope after ${ and closes the brace', () => {
    const items = complete(`${file}RUN echo \${|`);
    const names = labels(items);
    assert.ok(names.includes('VERSION') && names.includes('APP_HOME') && names.includes('HTTP_PROXY'));
    assert.ok(!names.includes('SECRET_GLOBAL'), 'a global ARG is not visible in a stage that does not redeclare it');
    assert.ok(!names.includes('TARGETARCH'), 'platform ARGs need a declaration inside a stage');
    const home = item(items, 'APP_HOME');
    assert.equal(home.insertText, 'APP_HOME}');
    assert.equal(home.detail, 'ENV');
    assert.deepEqual(home.range, { start: { line: 5, character: 11 }, end: { line: 5, character: 11 } });
  });

  it('does not add a brace that is already there, nor one after a bare $', () => {
    assert.equal(item(complete(`${file}RUN echo \${VER|}`), 'VERSION').insertText, 'VERSION');
    const bare = item(complete(`${file}RUN echo $VE|R`), 'VERSION');
    assert.equal(bare.insertText, 'VERSION');
    assert.deepEqual(bare.range, { start: { line: 5, character: 10 }, end: { line: 5, character: 13 } });
  });

  it('offers global and platform ARGs in FROM', () => {
    const names = labels(complete('ARG BASE=alpine\nFROM $|'));
    assert.ok(names.includes('BASE') && names.includes('BUILDPLATFORM'));
    assert.ok(!names.includes('HTTP_PROXY'));
  });

  it('offers variables inside heredoc bodies, but not after an escaped $', () => {
    assert.ok(labels(complete(`${file}RUN <<EOF\necho $|\nEOF\n`)).includes('APP_HOME'));
    assert.deepEqual(complete(`${file}RUN echo \\$|`), []);
  });

  it('offers global and platform ARG names to declare after ARG in a stage', () => {
    const names = labels(complete(`${file}ARG |`));
    assert.ok(names.includes('SECRET_GLOBAL') && names.includes('TARGETARCH') && names.includes('BASE'));
    assert.deepEqual(complete('ARG |'), []);
  });
});

describe('Dockerfile completion: other arguments', () => {
  it('offers CMD and NONE after HEALTHCHECK, without NONE after flags', () => {
    assert.deepEqual(labels(complete('FROM alpine:3.20\nHEALTHCHECK |')), ['CMD', 'NONE']);
    assert.deepEqual(labels(complete('FROM alpine:3.20\nHEALTHCHECK --interval=5s |')), ['CMD']);
  });

  it('offers signal names after STOPSIGNAL', () => {
    const items = complete('FROM alpine:3.20\nSTOPSIGNAL SIGQ|');
    assert.equal(items[0]?.label, 'SIGTERM');
    assert.match(item(items, 'SIGQUIT').documentation ?? '', /nginx/);
  });

  it('offers JSON shells after SHELL, each valid JSON', () => {
    const items = complete('FROM alpine:3.20\nSHELL |');
    assert.ok(items.length >= 3);
    for (const shell of items) assert.ok(Array.isArray(JSON.parse(shell.insertText ?? '')), shell.label);
  });

  it('offers nothing for USER, WORKDIR, RUN commands or paths', () => {
    for (const marked of ['FROM alpine:3.20\nUSER |', 'FROM alpine:3.20\nWORKDIR /a|', 'FROM alpine:3.20\nRUN apt|', 'FROM alpine:3.20\nCOPY sr|']) assert.deepEqual(complete(marked), [], marked);
  });
});

describe('Dockerfile completion: parser directives', () => {
  it('offers the directives at the top, as full lines', () => {
    const items = complete('#|\nFROM alpine:3.20\n');
    assert.deepEqual(labels(items), ['# syntax=docker/dockerfile:1', '# escape=`', '# check=skip=', '# check=error=true']);
    assert.deepEqual(items[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.deepEqual(labels(complete('# syntax=docker/dockerfile:1\n# |')).filter((l) => l.includes('syntax')), []);
  });

  it('offers nothing once the header has ended', () => {
    assert.deepEqual(complete('FROM alpine:3.20\n# |'), []);
    assert.deepEqual(complete('# a comment\n# sy|'), []);
    assert.deepEqual(complete('FROM alpine:3.20\nRUN a \\\n  # sy|\n  b'), []);
  });

  it('offers values for syntax, escape and check', () => {
    assert.ok(labels(complete('# syntax=|')).includes('docker/dockerfile:1'));
    assert.deepEqual(labels(complete('# escape=|')), ['`', '\\']);
    assert.deepEqual(labels(complete('# check=|')), ['skip=', 'error=true', 'experimental=']);
    assert.deepEqual(labels(complete('# check=skip=all;error=|')), ['true', 'false']);
  });

  it('offers the BuildKit check names from the rules after skip=', () => {
    const expected = [...new Set(allRules.flatMap((r) => r.equivalents).filter((e) => e.startsWith('buildkit:')).map((e) => e.slice('buildkit:'.length)))].sort();
    const names = labels(complete('# check=skip=|'));
    assert.equal(names[0], 'all');
    assert.deepEqual(names.slice(1).sort(), expected);
    assert.ok(names.includes('JSONArgsRecommended'));
    const next = complete('# check=skip=JSONArgsRecommended,Fr|');
    assert.ok(!labels(next).includes('JSONArgsRecommended') && !labels(next).includes('all'));
    assert.deepEqual(item(next, 'FromAsCasing').range, { start: { line: 0, character: 33 }, end: { line: 0, character: 35 } });
    assert.match(item(next, 'FromAsCasing').documentation ?? '', /from-as-casing-mismatch/);
  });
});

describe('Dockerfile completion: where there is nothing to offer', () => {
  it('answers nothing in heredoc bodies, comments, after a continuation or past the end', () => {
    assert.deepEqual(complete('FROM alpine:3.20\nRUN <<EOF\nap|\nEOF\n'), []);
    assert.deepEqual(complete('FROM alpine:3.20\n# note |'), []);
    assert.deepEqual(complete('FROM alpine:3.20\nRUN a \\|\n b'), []);
    assert.deepEqual(service.completion(doc('FROM a\n'), { line: 9, character: 0 }), []);
    assert.deepEqual(service.completion(doc('FROM a\n'), { line: -1, character: -4 }), []);
  });

  it('counts a byte-order mark in positions', () => {
    const items = complete('\ufeffFR|');
    assert.deepEqual(item(items, 'FROM').range, { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
  });
});

describe('Dockerfile language features on hostile input', () => {
  it('answer nothing for a document too large to analyse, whose model is empty', () => {
    const text = `FROM alpine:3.20\n${'run  echo "hello" $HOME \\\n  && true\n'.repeat(20_000)}`;
    const source = doc(text);
    if (!service.analyze(source).findings.some((f) => f.rule === 'file-too-large')) return;
    const position = { line: 3, character: 3 };
    assert.deepEqual(service.completion(source, position), []);
    assert.equal(service.signatureHelp(source, position), undefined);
    assert.deepEqual(service.format(source, { tabSize: 4, insertSpaces: true }), []);
    assert.deepEqual(service.formatOnType(source, { line: 2, character: 0 }, '\n', { tabSize: 4, insertSpaces: true }), []);
    assert.deepEqual(service.semanticTokens(source), []);
    assert.deepEqual(service.documentLinks(source), []);
  });

  const snippets = [
    '',
    '\\',
    '\\\n\\\n\\',
    '\u0000FROM\u0000 a\u0000\nRUN \u0000 $\u0000{',
    'FROM alpine:3.20\nRUN <<EOF\necho unterminated $HOME',
    'FROM a\nRUN <<-"EOF" <<\'X\' cat\n\tEOF\nX\n',
    '# escape=`\nFROM a\nRUN echo `\n  b `\n',
    '\ufeff# syntax=\n# check=skip=;;,=\n# escape=\n',
    'FROM a\r\nRUN a \\\r\n  b\r\n\r\nrun  c  \r',
    '\r\r\n\n\r',
    '\tFROM\ta\n\tRUN\t--mount=\ttype=cache\n',
    'FROM ünïcødé:😀 AS 😀\nRUN echo "😀 $ÄÖ ${\n\ud800',
    'RUN ${${${\nFROM $ AS\nCOPY --from= --from=\nRUN --mount=type=,,,=,from=, /',
    'ONBUILD ONBUILD ONBUILD\nHEALTHCHECK\nHEALTHCHECK --\nSTOPSIGNAL\nSHELL ["a',
    'CMD ["unterminated\nENTRYPOINT [,,]\nLABEL "a=b\nENV =\nARG =\nEXPOSE :/',
    'FROM a\nRUN echo "a \\\n# c\n  \\\n\'b\n',
  ];

  it('never throws, and answers well-formed results at every position', () => {
    for (const text of snippets) {
      const source = doc(text);
      const lines = text.split(/\r\n|\r|\n/);
      for (let line = 0; line <= lines.length; line++) {
        for (let character = 0; character <= (lines[line]?.length ?? 0) + 1; character++) {
          const position = { line, character };
          for (const completionItem of service.completion(source, position)) {
            const range = completionItem.range;
            if (!range) continue;
            assert.equal(range.start.line, line, `${JSON.stringify(text)} at ${line}:${character}`);
            assert.equal(range.end.line, line);
            // LSP reads a character past the end of the line as the end of the line.
            const at = Math.min(character, lines[line]!.length);
            assert.ok(range.start.character <= at && at <= range.end.character, `${JSON.stringify(text)} at ${line}:${character}: ${JSON.stringify(range)}`);
          }
          const signature = service.signatureHelp(source, position);
          if (signature) assert.ok(signature.activeParameter < signature.parameters.length);
          applyEdits(text, service.formatOnType(source, position, '\n', { tabSize: 4, insertSpaces: true }));
        }
      }
      const formatted = applyEdits(text, service.format(source, { tabSize: 4, insertSpaces: true }));
      assert.equal(applyEdits(formatted, service.format(doc(formatted), { tabSize: 4, insertSpaces: true })), formatted, JSON.stringify(text));
      applyEdits(text, service.format(source, { tabSize: 4, insertSpaces: true }, { start: { line: 1, character: 0 }, end: { line: 99, character: 0 } }));
      const data = service.semanticTokens(source);
      let tokenLine = 0;
      let tokenStart = 0;
      for (let i = 0; i < data.length; i += 5) {
        tokenLine += data[i]!;
        tokenStart = data[i] === 0 ? tokenStart + data[i + 1]! : data[i + 1]!;
        assert.ok(data[i + 2]! > 0 && tokenStart + data[i + 2]! <= (lines[tokenLine]?.length ?? -1), `${JSON.stringify(text)}: token ${i / 5}`);
      }
      for (const link of service.documentLinks(source)) assert.match(link.target, /^https:\/\//);
    }
  });
});
