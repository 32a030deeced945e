// Documents over the analysis limits: declined at once with one
// `file-too-large` finding, every feature empty, the notice suppressible.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits, type DocumentKind, LanguageService, noFileAccess } from '../../server/src/core';
import { analysisLimits, exceededLimit } from '../../server/src/core/rules/file-too-large';
import { exercise } from './support/invariants';
import { roundTripProblems, standaloneCase } from './support/round-trip';

const overLines = (kind: DocumentKind): string =>
  kind === 'dockerfile' ? `# a generated file\n\nFROM alpine:3.20\n${'RUN true\n'.repeat(analysisLimits.dockerfile.lines)}` : `# generated\nservices:\n${'  s:\n'.repeat(analysisLimits.compose.lines)}`;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('documents over the analysis limits', () => {
  it('are measured by characters and by lines, exactly at the limit', () => {
    for (const kind of ['dockerfile', 'compose'] as const) {
      const { characters, lines } = analysisLimits[kind];
      assert.equal(exceededLimit(kind, 'x'.repeat(characters)), undefined);
      assert.match(exceededLimit(kind, 'x'.repeat(characters + 1)) ?? '', /over the .* Dockhand analyses/);
      assert.equal(exceededLimit(kind, '\n'.repeat(lines - 1)), undefined);
      assert.match(exceededLimit(kind, '\n'.repeat(lines)) ?? '', /more than .* lines/);
    }
  });

  for (const kind of ['dockerfile', 'compose'] as const) {
    it(`${kind}: 10 MB are declined in well under a second, with one info finding on the first line that is not a comment`, () => {
      const unit = kind === 'dockerfile' ? 'RUN echo "one line of a generated file"\n' : '  s: {image: "example/one:1"}\n';
      const text = `# header\n\n${kind === 'dockerfile' ? 'FROM alpine:3.20\n' : 'services:\n'}${unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length))}`;
      const { value: analysis, ms } = timed(() => analyzeText(kind, text));
      assert.ok(ms < 500, `took ${Math.round(ms)} ms`);
      assert.deepEqual(
        analysis.findings.map((f) => [f.rule, f.severity, f.range.start.line]),
        [['file-too-large', 'info', 2]],
      );
      assert.match(analysis.findings[0]!.message, /MiB, over the .* Dockhand analyses, so no other problems are reported/);
    });

    it(`${kind}: every feature answers nothing, at once, on a file over the limits`, () => {
      const text = overLines(kind);
      const service = new LanguageService(noFileAccess);
      const document = { uri: `file:///big/${kind}`, path: `/big/${kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`, kind, version: 1, text };
      const { ms } = timed(() => {
        assert.deepEqual(service.documentSymbols(document), []);
        assert.deepEqual(service.foldingRanges(document), []);
        assert.deepEqual(service.format(document, { tabSize: 4, insertSpaces: true }), []);
        assert.deepEqual(service.semanticTokens(document), []);
        for (const position of [{ line: 0, character: 2 }, { line: 3, character: 1 }, { line: 4_000, character: 3 }]) {
          assert.equal(service.hover(document, position), undefined);
          assert.deepEqual(service.definition(document, position), []);
          // Refactors may still be listed, disabled.
          assert.deepEqual(
            service.codeActions(document, { start: position, end: position }).filter((a) => !a.title.startsWith('Ignore ') && a.disabledReason === undefined),
            [],
          );
        }
      });
      assert.ok(ms < 500, `took ${Math.round(ms)} ms`);
      assert.deepEqual(exercise(kind, text, { positions: [{ line: 2, character: 0 }, { line: 9, character: 4 }] }), []);
    });

    it(`${kind}: the notice can be turned off, or suppressed like any finding`, () => {
      const text = overLines(kind);
      assert.deepEqual(analyzeText(kind, text, { rules: { 'file-too-large': 'off' } }).findings, []);
      assert.deepEqual(analyzeText(kind, `# dockhand-ignore-file file-too-large\n${text}`).findings, []);
      const service = new LanguageService(noFileAccess);
      const document = { uri: 'file:///big/x', kind, version: 1, text };
      const [finding] = service.analyze(document).findings;
      assert.ok(finding);
      const ignores = service.codeActions(document, finding.range).filter((a) => a.title.startsWith('Ignore file-too-large'));
      assert.equal(ignores.length, 2);
      for (const action of ignores) assert.deepEqual(analyzeText(kind, applyEdits(text, action.edits)).findings, [], action.title);
      assert.deepEqual(roundTripProblems(standaloneCase('oversize', kind, text)), []);
    });
  }
});
