// Dockhand's faster getRawArguments() gives exactly what dockerfile-ast's own
// does (values and ranges), on generated Dockerfiles, on every corpus file and
// on mutants of them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { libraryRawArguments, rawArguments } from '../../server/src/core/dockerfile/raw-arguments';
import { dockerfileText } from './support/arbitraries';
import { corpusFiles, fuzzSeed, hasCorpus } from './support/corpus';
import { mutate, random } from './support/mutate';

type Internals = Parameters<typeof rawArguments>[0];

/** The first instruction whose arguments differ, described, or '' when all agree. */
function difference(text: string): string {
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const expected = libraryRawArguments.call(instruction).map(plain);
    const actual = rawArguments(instruction as unknown as Internals).map(plain);
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (expected[i] !== actual[i]) return `line ${instruction.getRange().start.line + 1}, argument ${i}: expected ${expected[i]}, got ${actual[i]}`;
    }
  }
  return '';
}

/** An argument's value and range as one comparable string. */
const plain = (argument: { getValue(): string; getRange(): unknown }) => JSON.stringify([argument.getValue(), argument.getRange()]);

describe('raw arguments', () => {
  it('agree with dockerfile-ast on written edge cases', () => {
    const cases = [
      'RUN a \\\n  b',
      'RUN a\\ b c\\\\ d',
      'RUN a \\  \n b \\ \t\r\n c',
      'RUN a\\\n# comment\n b',
      'RUN echo \\$HOME "x y" \\',
      'RUN a \\ \nb',
      'RUN a\\ \n  \\\n b',
      'RUN x\\\r\ny\r\n',
      '# escape=`\nRUN a `\n b `$c d`',
      'RUN \\',
      'RUN a\\',
      'ENV A=1 \\\n    B=2',
      'COPY --from=x a b',
    ];
    for (const text of cases) assert.equal(difference(text), '', text);
  });

  it('agree with dockerfile-ast on generated Dockerfiles', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => difference(text) === ''),
      { seed: fuzzSeed(), numRuns: 300 },
    );
  });

  it('agree with dockerfile-ast on the corpus and mutants of it', { skip: hasCorpus ? false : 'no ../shared/corpus' }, () => {
    const files = corpusFiles().filter((file) => file.kind === 'dockerfile');
    const failures: string[] = [];
    for (const file of files) {
      const problem = difference(file.text);
      if (problem) failures.push(`${file.name}: ${problem}`);
    }
    const rng = random(fuzzSeed());
    for (let i = 0; i < 200; i++) {
      const file = files[Math.floor(rng() * files.length)]!;
      const other = files[Math.floor(rng() * files.length)]!;
      const { text, steps } = mutate(file.text, other.text, Math.floor(rng() * 2 ** 32));
      const problem = difference(text);
      if (problem) failures.push(`${file.name} after ${steps.join(', ')}: ${problem}`);
    }
    assert.equal(failures.join('\n'), '');
  });
});
