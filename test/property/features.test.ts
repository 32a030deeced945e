// Properties of every language feature on generated Dockerfiles and compose
// files: no exception, no slow call, every range inside the document, and
// formatting idempotent and keeping the tokens.
// Seeded (DOCKHAND_FUZZ_SEED varies it); a failure prints the seed and the
// shrunk input, which belongs in test/fixtures/regressions/.
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type DocumentKind, LanguageService } from '../../server/src/core';
import { bigDockerfile, composeText, deepCompose, dockerfileText } from './support/arbitraries';
import { fuzzSeed } from './support/corpus';
import { formattingProblems } from './support/formatting';
import { documentFor, exercise, fuzzFiles, positionsFrom, summarize } from './support/invariants';
import { knownFailure } from './support/known-failures';

const positions = fc.array(fc.nat(), { minLength: 1, maxLength: 6 });

function holds(kind: DocumentKind, text: string, seeds: readonly number[], features: 'all' | 'sample' = 'all'): void {
  const service = new LanguageService(fuzzFiles(documentFor(kind, text)));
  const problems = exercise(kind, text, { positions: positionsFrom(text, seeds), features, service }).filter((p) => !knownFailure(kind, text, p));
  if (problems.length > 0) throw new Error(summarize(problems));
  const formatting = formattingProblems(service, kind, text);
  if (formatting !== '') throw new Error(formatting);
}

const parameters = (numRuns: number): fc.Parameters<[string, number[]]> => ({ seed: fuzzSeed(), numRuns, endOnFailure: false });

describe('language features on generated input', () => {
  it('Dockerfiles: no exception, no slow call, every range inside the document, formatting idempotent', () => {
    fc.assert(
      fc.property(dockerfileText, positions, (text, seeds) => holds('dockerfile', text, seeds)),
      parameters(300),
    );
  });

  it('compose files: no exception, no slow call, every range inside the document, formatting idempotent', () => {
    fc.assert(
      fc.property(composeText, positions, (text, seeds) => holds('compose', text, seeds)),
      parameters(120),
    );
  });

  it('big and deep Dockerfiles', () => {
    fc.assert(
      fc.property(bigDockerfile, positions, (text, seeds) => holds('dockerfile', text, seeds, 'sample')),
      parameters(15),
    );
  });

  it('deeply nested and alias-heavy compose files', () => {
    fc.assert(
      fc.property(deepCompose, positions, (text, seeds) => holds('compose', text, seeds, 'sample')),
      parameters(15),
    );
  });
});
