import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, detectKind, LanguageService, LineIndex, memoryFileAccess, type SourceDocument } from '../../server/src/core';
import { parseImageReference } from '../../server/src/core/dockerfile/image-reference';
import { DockerfileModel, substituteGlobalArgs } from '../../server/src/core/dockerfile/model';
import { instructionDocs } from '../../server/src/core/dockerfile/instruction-docs';
import { readServerSettings } from '../../server/src/settings';

describe('detectKind', () => {
  const cases: [string | undefined, string, string | undefined][] = [
    ['dockerfile', '/w/anything', 'dockerfile'],
    ['dockercompose', '/w/anything.yml', 'compose'],
    ['yaml', '/w/compose.yaml', 'compose'],
    ['yaml', '/w/docker-compose.prod.yml', 'compose'],
    ['yaml.docker-compose', '/w/compose.override.yaml', 'compose'],
    ['yaml', '/w/.github/workflows/ci.yml', undefined],
    ['yaml', '/w/kustomization.yaml', undefined],
    [undefined, '/w/Dockerfile', 'dockerfile'],
    [undefined, '/w/Dockerfile.dev', 'dockerfile'],
    [undefined, '/w/api.Dockerfile', 'dockerfile'],
    [undefined, '/w/web.dockerfile', 'dockerfile'],
    [undefined, '/w/Containerfile', 'dockerfile'],
    [undefined, '/w/compose-dev.yml', 'compose'],
    [undefined, '/w/README.md', undefined],
    ['python', '/w/Dockerfile', undefined],
  ];
  for (const [languageId, file, expected] of cases) {
    it(`${languageId ?? '(none)'} ${file} → ${expected ?? 'not ours'}`, () => assert.equal(detectKind(languageId, file), expected));
  }
});

describe('LineIndex and applyEdits', () => {
  it('maps offsets and positions across LF and CRLF', () => {
    const index = new LineIndex('ab\r\ncd\nef');
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(index.lineText(0), 'ab');
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end');
    assert.equal(index.lineCount, 3);
  });

  it('applies edits from last to first and rejects overlaps', () => {
    const text = 'FROM ubuntu\nCMD a\n';
    const edits = [
      { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, newText: ':latest' },
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, newText: '["a"]' },
    ];
    assert.equal(applyEdits(text, edits), 'FROM ubuntu:latest\nCMD ["a"]\n');
    assert.throws(() => applyEdits(text, [edits[1]!, { ...edits[1]!, newText: 'x' }]));
  });
});

describe('image references', () => {
  const cases: [string, Partial<ReturnType<typeof parseImageReference>>][] = [
    ['ubuntu', { registry: undefined, repository: 'ubuntu', tag: undefined }],
    ['python:3.12-slim', { repository: 'python', tag: '3.12-slim' }],
    ['localhost:5000/team/app', { registry: 'localhost:5000', repository: 'team/app', tag: undefined }],
    ['ghcr.io/o/app:1.0@sha256:abc', { registry: 'ghcr.io', repository: 'o/app', tag: '1.0', digest: 'sha256:abc' }],
    ['bitnami/redis', { registry: undefined, repository: 'bitnami/redis' }],
  ];
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual({ ...parseImageReference(text), ...expected }, parseImageReference(text)));
  }
});

describe('Dockerfile model', () => {
  it('resolves FROM variables from global ARG defaults and links stages', () => {
    const model = new DockerfileModel('ARG BASE=node:22\nARG TAG\nFROM ${BASE} AS Build\nFROM build\nFROM alpine:${TAG:-3.20}\nFROM x:$TAG\n');
    assert.deepEqual(model.stages.map((s) => s.resolvedBase), ['node:22', 'build', 'alpine:3.20', undefined]);
    assert.equal(model.stages[1]!.parent, model.stages[0], 'stage names are case-insensitive');
    assert.equal(model.stages[0]!.image?.tag, '22');
  });

  it('substitutes ${VAR:+word} only when set', () => {
    const args = new Map([['A', { name: 'A', value: 'x', nameRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]]);
    assert.equal(substituteGlobalArgs('img${A:+-alt}', args), 'img-alt');
    assert.equal(substituteGlobalArgs('img${B:+-alt}', args), 'img');
  });

  it('survives garbage without throwing', () => {
    for (const text of ['', '\u0000\u0001\u0002', 'FROM', 'FROM --platform=', '\\\n\\\n', 'RUN <<EOF', '# escape=`\nFROM a`\n']) {
      assert.doesNotThrow(() => new DockerfileModel(text));
    }
  });
});

describe('LanguageService', () => {
  const service = new LanguageService(memoryFileAccess({}));
  const dockerfile = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: 1, text });

  it('explains ENV on hover, with run-time override and the contrast with ARG', () => {
    const hover = service.hover(dockerfile('FROM alpine:3.20\nENV A=1\n'), { line: 1, character: 1 });
    assert.ok(hover);
    assert.match(hover.markdown, /docker run -e/);
    assert.match(hover.markdown, /no `docker build -e`/);
    assert.match(hover.markdown, /ARG/);
    assert.deepEqual(hover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  });

  it('says EXPOSE publishes nothing, and CMD is replaced by run arguments', () => {
    const text = 'FROM alpine:3.20\nEXPOSE 80\nCMD ["sh"]\nARG X\n';
    assert.match(service.hover(dockerfile(text), { line: 1, character: 2 })!.markdown, /publishes nothing/);
    assert.match(service.hover(dockerfile(text), { line: 2, character: 0 })!.markdown, /docker run IMAGE/);
    assert.match(service.hover(dockerfile(text), { line: 3, character: 3 })!.markdown, /image history/);
  });

  it('gives no hover on plain values', () => {
    assert.equal(service.hover(dockerfile('FROM alpine:3.20\nENV A=1\n'), { line: 1, character: 6 }), undefined);
  });

  it('documents every instruction', () => {
    for (const keyword of ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']) {
      assert.ok(instructionDocs[keyword], keyword);
    }
  });

  it('offers the fix of a finding under the cursor', () => {
    const actions = service.codeActions(dockerfile('FROM ubuntu\n'), { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    assert.deepEqual(
      actions.filter((a) => a.kind === 'quickfix' && a.finding?.rule === 'untagged-base-image').map((a) => a.title),
      ['Pin ubuntu to its implicit tag (ubuntu:latest)', 'Ignore untagged-base-image here', 'Ignore untagged-base-image in this file'],
    );
  });

  it('keeps a trailing comment when removing the compose version', () => {
    const text = 'version: "3" # legacy\nservices:\n  a:\n    image: x:1\n';
    const source: SourceDocument = { uri: 'file:///w/compose.yaml', kind: 'compose', version: 1, text };
    const [action] = service.codeActions(source, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(applyEdits(text, action!.edits), '# legacy\nservices:\n  a:\n    image: x:1\n');
  });

  it('caches the analysis per document version', () => {
    const doc = dockerfile('FROM ubuntu\n');
    assert.equal(service.analyze(doc), service.analyze(doc));
    assert.notEqual(service.analyze(doc), service.analyze({ ...doc, version: 2 }));
  });

  it('applies rule settings', () => {
    const doc = { ...dockerfile('FROM ubuntu\n'), uri: 'file:///w/other/Dockerfile' };
    assert.deepEqual(service.analyze(doc, { rules: { 'untagged-base-image': 'off' } }).findings, []);
    assert.equal(service.analyze(doc, { rules: { 'untagged-base-image': 'error' } }).findings[0]?.severity, 'error');
  });
});

describe('server settings', () => {
  it('reads the delay from settings or initialization options and ignores bad values', () => {
    assert.equal(readServerSettings(undefined, { validationDelayMs: 0 }).validationDelayMs, 0);
    assert.equal(readServerSettings({ validation: { delayMs: 50 } }, undefined).validationDelayMs, 50);
    assert.equal(readServerSettings({ validation: { delayMs: 'soon' } }, undefined).validationDelayMs, 200);
    assert.deepEqual(readServerSettings({ rules: { a: 'off', b: 'loud' } }, undefined).analysis.rules, { a: 'off' });
  });
});
