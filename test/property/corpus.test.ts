// Every corpus file, then a bounded number of mutants of them (`npm run fuzz`
// runs 100,000): no exception, no slow call, every range inside the document;
// and formatting every corpus file is idempotent and keeps its tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CorpusFile, corpusFiles, fuzzSeed, hasCorpus } from './support/corpus';
import { LanguageService } from '../../server/src/core';
import { formattingProblems } from './support/formatting';
import { documentFor, exercise, fuzzFiles, positionsFrom, summarize } from './support/invariants';
import { knownFailure } from './support/known-failures';
import { mutate, random } from './support/mutate';

const mutants = Number(process.env['DOCKHAND_CORPUS_MUTANTS'] ?? 400);

function unexpected(file: Pick<CorpusFile, 'kind'>, text: string, seeds: number[], features: 'all' | 'sample', service?: LanguageService): string {
  return summarize(exercise(file.kind, text, { positions: positionsFrom(text, seeds), features, ...(service && { service }) }).filter((p) => !knownFailure(file.kind, text, p)));
}

describe('the corpus', { skip: hasCorpus ? false : 'no ../shared/corpus' }, () => {
  const files = corpusFiles();

  it('every file: every feature at a few positions, and formatting idempotent', () => {
    const failures: string[] = [];
    files.forEach((file, i) => {
      const service = new LanguageService(fuzzFiles(documentFor(file.kind, file.text)));
      const problems = unexpected(file, file.text, [i * 31 + 7, i * 131 + 3, i * 1_009 + 11], 'all', service) || formattingProblems(service, file.kind, file.text);
      if (problems !== '') failures.push(`${file.name}:\n${problems}`);
    });
    assert.equal(failures.join('\n\n'), '');
  });

  it(`${mutants} mutants (byte flips, truncation, line deletion and duplication, splices)`, () => {
    const rng = random(fuzzSeed());
    const failures: string[] = [];
    for (let i = 0; i < mutants; i++) {
      const file = files[Math.floor(rng() * files.length)]!;
      const other = files[Math.floor(rng() * files.length)]!;
      const seed = Math.floor(rng() * 2 ** 32);
      const { text, steps } = mutate(file.text, other.text, seed);
      const problems = unexpected(file, text, [seed, seed >>> 3, seed >>> 7], 'sample');
      if (problems !== '') failures.push(`${file.name} + ${steps.join(', ')} (mutation seed ${seed}):\n${JSON.stringify(text).slice(0, 400)}\n${problems}`);
    }
    assert.equal(failures.join('\n\n'), '');
  });
});
