import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, LanguageService, memoryFileAccess, type FormattingOptions, type SourceDocument, type TextEdit } from '../../server/src/core';
import { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { syntaxOf } from '../../server/src/core/dockerfile/syntax/scan';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });
const options: FormattingOptions = { tabSize: 4, insertSpaces: true };

function edits(text: string, extra: Partial<FormattingOptions> = {}): TextEdit[] {
  return service.format(doc(text), { ...options, ...extra });
}

function format(text: string, extra: Partial<FormattingOptions> = {}): string {
  return applyEdits(text, edits(text, extra));
}

const keywords = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'AS', 'NONE']);

/** The quoted strings of a logical line, quotes included, as a shell would group them. */
function quoted(text: string): string[] {
  const out: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === '') {
      if (ch === '\\') i++;
      else if (ch === '"' || ch === "'") {
        quote = ch;
        start = i;
      }
    } else if (ch === quote) {
      out.push(text.slice(start, i + 1));
      quote = '';
    } else if (ch === '\\' && quote === '"') {
      i++;
    }
  }
  if (quote !== '') out.push(text.slice(start));
  return out;
}

/** What must not change: each instruction's words (keywords may change case), its quoted strings, and heredoc bodies byte for byte. */
function meaning(text: string): { words: string[][]; strings: string[][]; heredocs: string[] } {
  const model = new DockerfileModel(text);
  const info = syntaxOf(model);
  return {
    words: info.statements.map((s) => s.line.text.split(/\s+/).filter((w) => w !== '').map((w) => (keywords.has(w.toUpperCase()) ? w.toUpperCase() : w))),
    strings: info.statements.map((s) => quoted(s.line.text)),
    heredocs: info.statements.flatMap((s) => Array.from({ length: s.endLine - s.lineEnd }, (_, i) => model.lines.lineText(s.lineEnd + 1 + i))),
  };
}

function assertSafe(text: string, extra: Partial<FormattingOptions> = {}): string {
  const once = format(text, extra);
  assert.deepEqual(meaning(once), meaning(text), `meaning changed:\n${text}\n---\n${once}`);
  assert.equal(format(once, extra), once, `not idempotent:\n${text}\n---\n${once}`);
  return once;
}

function fixtureDockerfiles(): string[] {
  const root = path.join(__dirname, '..', 'fixtures');
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /(?:^|\.)Dockerfile(?:\.|$)|\.dockerfile$/i.test(entry.name)) found.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return found;
}

describe('Dockerfile formatting', () => {
  it('upper-cases keywords, indents continuations and trims blanks', () => {
    const text = [
      'from   alpine:3.20   as build  ',
      'run apt-get update &&\\',
      '  apt-get install -y curl   \\',
      '\t\t&& rm -rf /var/lib/apt/lists/*   ',
      '  # a comment   ',
      'onbuild   run   echo hi',
      'healthcheck --interval=5s cmd wget -q -O- http://localhost/',
      '   ',
      'copy . /app',
      '',
    ].join('\n');
    assert.equal(
      format(text),
      [
        'FROM alpine:3.20   AS build',
        'RUN apt-get update && \\',
        '    apt-get install -y curl \\',
        '    && rm -rf /var/lib/apt/lists/*',
        '# a comment',
        'ONBUILD RUN echo hi',
        'HEALTHCHECK --interval=5s CMD wget -q -O- http://localhost/',
        '',
        'COPY . /app',
        '',
      ].join('\n'),
    );
    assertSafe(text);
  });

  it('gives one minimal edit per changed line, none for a formatted file', () => {
    const result = edits('FROM alpine:3.20\nrun  echo hi\nRUN a \\\n  b\n');
    assert.deepEqual(result, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, newText: 'RUN' },
      { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, newText: '  ' },
    ]);
    assert.deepEqual(edits('FROM alpine:3.20\nRUN a \\\n    b\n'), []);
  });

  it('never touches heredoc bodies, JSON arrays, comment text or quoted text', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN <<EOF   ',
      '  indented   ',
      '\ttabs\t',
      'EOF',
      'COPY <<-EOT /etc/motd',
      '\t  hello  ',
      '\tEOT',
      'CMD [ "a" ,   "b  c" ]',
      '#    spaced     comment',
      'RUN echo "a    b" \'c   d\'',
      'ENV GREETING="hello   world"',
      'RUN echo "open \\',
      '   still in the string"',
      '',
    ].join('\n');
    const result = assertSafe(text);
    const lines = result.split('\n');
    assert.deepEqual(lines.slice(2, 8), ['  indented   ', '\ttabs\t', 'EOF', 'COPY <<-EOT /etc/motd', '\t  hello  ', '\tEOT']);
    assert.equal(lines[1], 'RUN <<EOF');
    assert.equal(lines[8], 'CMD [ "a" ,   "b  c" ]');
    assert.equal(lines[9], '#    spaced     comment');
    assert.equal(lines[10], 'RUN echo "a    b" \'c   d\'');
    assert.equal(lines[13], '   still in the string"');
  });

  it('keeps a word that a continuation joins, and never adds a space inside it', () => {
    const text = 'FROM alpine:3.20\nRUN echo foo\\\nbar \\\n  && true\n';
    assert.equal(format(text), 'FROM alpine:3.20\nRUN echo foo\\\nbar \\\n    && true\n');
    assertSafe(text);
  });

  it('follows `# escape=`', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n  && echo done\nRUN echo c:\\\nCOPY a b\n';
    assert.equal(format(text), '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\nRUN echo c:\\\nCOPY a b\n');
  });

  it('upper-cases AS with FROM, so the casing rule stays quiet', () => {
    const text = 'from alpine:3.20 as build\nrun true\n';
    const result = format(text);
    assert.equal(result, 'FROM alpine:3.20 AS build\nRUN true\n');
    const rules = service.analyze(doc(result)).findings.map((f) => f.rule);
    assert.ok(!rules.includes('from-as-casing-mismatch') && !rules.includes('inconsistent-instruction-casing'), rules.join());
  });

  it('follows the options', () => {
    const text = 'from alpine:3.20\nrun a \\\n        b\n';
    assert.equal(format(text, { uppercaseKeywords: false }), 'from alpine:3.20\nrun a \\\n    b\n');
    assert.equal(format(text, { continuationIndent: 2 }), 'FROM alpine:3.20\nRUN a \\\n  b\n');
    assert.equal(format(text, { continuationIndent: 0 }), 'FROM alpine:3.20\nRUN a \\\nb\n');
    assertSafe(text, { continuationIndent: 0 });
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    assert.equal(format('\ufefffrom a\r\nrun x  \\\r\n y  \r\n'), '\ufeffFROM a\r\nRUN x \\\r\n    y\r\n');
  });

  it('formats only the lines a range touches', () => {
    const text = 'from a\nrun b\nrun c\nrun d\n';
    const result = service.format(doc(text), options, { start: { line: 1, character: 2 }, end: { line: 3, character: 0 } });
    assert.equal(applyEdits(text, result), 'from a\nRUN b\nRUN c\nrun d\n');
  });

  it('keeps the meaning of every fixture Dockerfile, and is idempotent on them', () => {
    const files = fixtureDockerfiles();
    assert.ok(files.length > 50, `${files.length} fixtures`);
    for (const file of files) assertSafe(fs.readFileSync(file, 'utf8'));
  });
});

describe('Dockerfile on-type formatting', () => {
  const onType = (text: string, line: number, extra: Partial<FormattingOptions> = {}): TextEdit[] =>
    service.formatOnType(doc(text), { line, character: 0 }, '\n', { ...options, ...extra });

  it('indents the line after a continuation', () => {
    assert.deepEqual(onType('FROM a\nRUN apt-get update \\\n', 2), [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '    ' }]);
    assert.deepEqual(onType('FROM a\nRUN apt-get update \\\n  \n', 2, { continuationIndent: 2 }), []);
    assert.deepEqual(onType('FROM a\nRUN a \\\n\t\tb\n', 2), [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }, newText: '    ' }]);
  });

  it('follows `# escape=` and leaves other lines alone', () => {
    assert.equal(onType('# escape=`\nFROM a\nRUN dir `\n', 3).length, 1);
    assert.deepEqual(onType('# escape=`\nFROM a\nRUN dir c:\\\n', 3), []);
    assert.deepEqual(onType('FROM a\nRUN echo done\n', 2), []);
    assert.deepEqual(onType('FROM a\nRUN echo \\\\\n', 2), []);
    assert.deepEqual(onType('FROM a\n# note \\\n', 2), []);
    assert.deepEqual(onType('FROM a\nRUN <<EOF\necho \\\n', 3), []);
    assert.deepEqual(onType('FROM a\nRUN echo "a \\\n', 2), [], 'inside a quoted string');
    assert.deepEqual(service.formatOnType(doc('FROM a\nRUN a \\\n'), { line: 2, character: 0 }, ';', options), []);
  });
});
