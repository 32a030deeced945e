import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LanguageService, memoryFileAccess, type SourceDocument, type WorkspaceEdit } from '../../server/src/core';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const uri = 'file:///w/Dockerfile';
const doc = (text: string): SourceDocument => ({ uri, kind: 'dockerfile', version: ++version, text });

/** The document and the position of `|` in it. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { source: doc(text), text, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

const multistage = 'FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM build AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=build /out/app /app\nCOPY --from=0 /etc/ssl /etc/ssl\n';

describe('Dockerfile navigation', () => {
  it('goes from a stage use to its declaration, and lists every use', () => {
    const { source, position } = at(multistage.replace('--from=build', '--from=bu|ild'));
    assert.deepEqual(service.definition(source, position), [{ uri, range: { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } } }]);
    const refs = service.references(source, position, true).map((l) => l.range.start.line);
    assert.deepEqual(refs, [0, 2, 5], 'the numeric --from=0 is not a name use');
    assert.deepEqual(service.references(source, position, false).map((l) => l.range.start.line), [2, 5]);
  });

  it('renames a stage everywhere, and refuses bad or taken names', () => {
    const { source, text, position } = at(multistage.replace('AS build', 'AS bu|ild'));
    const edit = service.rename(source, position, 'compile') as WorkspaceEdit;
    assert.equal(
      applyEdits(text, edit.changes[uri]!),
      'FROM golang:1.23 AS compile\nRUN go build -o /out/app\nFROM compile AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=compile /out/app /app\nCOPY --from=0 /etc/ssl /etc/ssl\n',
    );
    assert.match(service.rename(source, position, 'Compile') as string, /not a valid stage name/);
    assert.match(service.rename(source, position, 'test') as string, /already exists/);
    assert.match(service.rename(source, position, 'scratch') as string, /reserved/);
    assert.deepEqual(service.prepareRename(source, position), { range: { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } }, placeholder: 'build' });
  });

  it('goes from a variable to the definition in scope and renames all of its uses', () => {
    const marked = 'ARG VERSION=1\nFROM alpine:3.20\nARG VERSION\nENV APP_VERSION=$VERSION\nRUN echo $|APP_VERSION\n';
    const { source, text, position } = at(marked);
    assert.deepEqual(service.definition(source, position).map((l) => l.range.start), [{ line: 3, character: 4 }]);
    const highlights = service.documentHighlights(source, position).map((h) => `${h.range.start.line}:${h.kind}`);
    assert.deepEqual(highlights, ['3:write', '4:read']);
    const edit = service.rename(source, position, 'APP_RELEASE') as WorkspaceEdit;
    assert.equal(applyEdits(text, edit.changes[uri]!), 'ARG VERSION=1\nFROM alpine:3.20\nARG VERSION\nENV APP_RELEASE=$VERSION\nRUN echo $APP_RELEASE\n');
    assert.match(service.rename(source, position, '9lives') as string, /not a valid variable name/);
  });

  it('outlines global ARGs and stages with their instructions', () => {
    const symbols = service.documentSymbols(doc(`ARG GO=1.23\n${multistage}`));
    assert.deepEqual(symbols.map((s) => [s.name, s.kind, s.children?.length ?? 0]), [['ARG GO', 'variable', 1], ['build', 'stage', 1], ['test', 'stage', 1], ['stage 2', 'stage', 2]]);
    assert.equal(symbols[3]!.detail, 'FROM scratch');
  });

  it('folds stages, continued instructions, heredocs and comment blocks', () => {
    const text = '# a\n# b\nFROM alpine:3.20\nRUN apk add \\\n    curl\nRUN <<EOF\necho 1\necho 2\nEOF\n';
    const folds = service.foldingRanges(doc(text)).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);
    assert.deepEqual(folds.sort(), ['0-1 comment', '2-8', '3-4', '5-7', '5-8'].sort());
  });

  it('answers nothing away from names, and never throws on garbage', () => {
    const { source, position } = at('FROM alpine:3.20\nRUN e|cho\n');
    assert.deepEqual(service.definition(source, position), []);
    assert.equal(service.rename(source, position, 'x'), undefined);
    for (const text of ['', '\u0000', 'FROM', 'FROM a AS', 'COPY --from= . .', 'ARG', 'ENV =']) {
      const d = doc(text);
      for (let character = 0; character <= text.length; character++) {
        const p = { line: 0, character };
        service.definition(d, p);
        service.references(d, p, true);
        service.documentHighlights(d, p);
        service.prepareRename(d, p);
        service.hover(d, p);
      }
      service.documentSymbols(d);
      service.foldingRanges(d);
    }
  });
});
