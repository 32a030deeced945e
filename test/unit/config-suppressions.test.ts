import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';
import { loadProjectConfig, readDockhandConfig, readHadolintConfig } from '../../server/src/core/config';

// Only the rules these tests use, so that new rules do not change the expectations.
const underTest = new Set(['untagged-base-image', 'shell-form-command', 'maintainer-deprecated', 'obsolete-version']);
const rulesOf = (text: string, kind: 'dockerfile' | 'compose' = 'dockerfile') =>
  analyzeText(kind, text)
    .findings.filter((f) => underTest.has(f.rule))
    .map((f) => `${f.range.start.line}:${f.rule}:${f.severity}`);

describe('suppression comments', () => {
  it('dockhand-ignore covers every line of the next instruction only', () => {
    const text = 'FROM alpine:3.20\n# dockhand-ignore shell-form-command -- the image has no init anyway\nCMD echo \\\n  hi\nCMD echo again\n';
    assert.deepEqual(rulesOf(text), ['4:shell-form-command:warning']);
    const analysis = analyzeText('dockerfile', text);
    assert.equal(analysis.suppressed.filter((f) => f.rule === 'shell-form-command').length, 1);
    assert.equal(analysis.suppressions[0]?.reason, 'the image has no init anyway');
  });

  it('dockhand-ignore also covers the comment lines between it and the next instruction', () => {
    const text = 'FROM alpine:3.20\n# dockhand-ignore misplaced-directive\n# syntax=docker/dockerfile:1\nRUN true\n# syntax=docker/dockerfile:1\n';
    const misplaced = analyzeText('dockerfile', text).findings.filter((f) => f.rule === 'misplaced-directive');
    assert.deepEqual(misplaced.map((f) => f.range.start.line), [4]);
  });

  it('dockhand-ignore-file and a blanket dockhand-ignore', () => {
    assert.deepEqual(rulesOf('# dockhand-ignore-file untagged-base-image\nFROM ubuntu\nFROM debian\n'), []);
    assert.deepEqual(rulesOf('FROM alpine:3.20\n# dockhand-ignore\nMAINTAINER me\nMAINTAINER you\n'), ['3:maintainer-deprecated:warning']);
  });

  it("honours hadolint's comments through equivalents", () => {
    assert.deepEqual(rulesOf('# hadolint ignore=DL3006,DL3025\nFROM ubuntu\nCMD echo\n'), ['2:shell-form-command:warning']);
    assert.deepEqual(rulesOf('FROM alpine:3.20\n# hadolint global ignore=DL3025\nCMD a\nCMD b\n').filter((f) => f.includes('shell-form')), []);
  });

  it("honours BuildKit's check directive: skip and error=true", () => {
    assert.deepEqual(rulesOf('# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD echo\n'), []);
    assert.deepEqual(rulesOf('# check=skip=all\nFROM alpine:3.20\nCMD echo\nMAINTAINER me\n'), []);
    assert.deepEqual(rulesOf('# check=error=true\nFROM ubuntu\nCMD echo\n'), ['1:untagged-base-image:warning', '2:shell-form-command:error']);
  });

  it('works in compose files, on the next non-comment line', () => {
    assert.deepEqual(rulesOf('# dockhand-ignore obsolete-version -- kept for an old tool\n\nversion: "3"\nservices: {}\n', 'compose'), []);
  });
});

describe('project configuration', () => {
  it('reads .dockhand.yaml and reports mistakes', () => {
    const config = readDockhandConfig('/p/.dockhand.yaml', 'rules:\n  untagged-base-image: off\n  shell-form-command: error\n  made-up: off\n  maintainer-deprecated: loud\nignore: [vendor/**]\ncolour: blue\n');
    assert.deepEqual(config.rules, { 'untagged-base-image': 'off', 'shell-form-command': 'error' });
    assert.deepEqual(config.ignorePaths, [{ base: '/p', pattern: 'vendor/**' }]);
    assert.deepEqual(config.problems.map((p) => p.message), [
      "unknown key 'colour' (expected rules, ignore or trustedRegistries)",
      "unknown rule 'made-up'",
      "rule 'maintainer-deprecated': expected error, warning, info, hint or off",
    ]);
  });

  it('maps .hadolint.yaml ignored and override through equivalents', () => {
    const config = readHadolintConfig('/p/.hadolint.yaml', 'ignored: [DL3006]\noverride:\n  error: [DL3025]\n  style: [DL4000]\ntrustedRegistries: [docker.io]\n');
    assert.deepEqual(config.rules, { 'shell-form-command': 'error', 'maintainer-deprecated': 'hint', 'untagged-base-image': 'off' });
    assert.deepEqual(config.options.trustedRegistries, ['docker.io']);
  });

  it('finds both upward and lets .dockhand.yaml win over .hadolint.yaml, and editor settings win over both', () => {
    const files = memoryFileAccess({
      '/repo/.hadolint.yaml': 'ignored: [DL3025]\noverride:\n  error: [DL3006]\n',
      '/repo/.dockhand.yaml': 'rules:\n  untagged-base-image: info\n',
      '/repo/app/Dockerfile': '',
    });
    const config = loadProjectConfig(files, '/repo/app');
    assert.deepEqual(config.sources, ['/repo/.hadolint.yaml', '/repo/.dockhand.yaml']);
    const service = new LanguageService(files);
    const doc: SourceDocument = { uri: 'file:///repo/app/Dockerfile', path: '/repo/app/Dockerfile', kind: 'dockerfile', version: 1, text: 'FROM ubuntu\nCMD echo\n' };
    assert.deepEqual(service.analyze(doc).findings.filter((f) => underTest.has(f.rule)).map((f) => `${f.rule}:${f.severity}`), ['untagged-base-image:info']);
    assert.deepEqual(service.analyze(doc, { rules: { 'shell-form-command': 'warning' } }).findings.filter((f) => underTest.has(f.rule)).map((f) => `${f.rule}:${f.severity}`), ['untagged-base-image:info', 'shell-form-command:warning']);
  });

  it('survives broken configuration', () => {
    assert.equal(readDockhandConfig('/p/.dockhand.yaml', 'rules: [\n').problems.length, 1);
    assert.equal(readDockhandConfig('/p/.dockhand.yaml', 'a: &a [*a]\n').problems.length > 0, true);
    assert.deepEqual(readHadolintConfig('/p/.hadolint.yaml', '').rules, {});
  });
});
