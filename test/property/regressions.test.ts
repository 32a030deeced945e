// Replays every shrunk failure in test/fixtures/regressions/ (saved by
// `npm run fuzz` or by hand from a property-test counterexample): the
// invariants of support/invariants.ts at every position, and the fix
// round-trips. Known failures run as TODO: visible, not failing the suite.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { DocumentKind, Position } from '../../server/src/core';
import { repoRoot } from './support/corpus';
import { exercise, summarize } from './support/invariants';
import { knownFailures } from './support/known-failures';
import { roundTripProblems, standaloneCase } from './support/round-trip';

const folder = path.join(repoRoot, 'test', 'fixtures', 'regressions');

function kindOf(name: string): DocumentKind | undefined {
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'compose';
  if (name.endsWith('.Dockerfile')) return 'dockerfile';
  return undefined;
}

/** Every position of a small text (each was a shrunk input); a spread over a large one. */
function allPositions(text: string): Position[] {
  const positions: Position[] = [];
  const lines = text.split(/\r\n?|\n/);
  const step = Math.max(1, Math.ceil(text.length / 400));
  lines.forEach((line, number) => {
    for (let character = 0; character <= line.length; character += step) positions.push({ line: number, character });
  });
  return positions;
}

const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => kindOf(name) !== undefined).sort() : [];

describe('regression fixtures', () => {
  it('every known failure names a fixture that exists', () => {
    for (const known of knownFailures) assert.ok(files.includes(known.fixture), `${known.fixture} is not in test/fixtures/regressions/`);
  });

  for (const name of files) {
    const kind = kindOf(name)!;
    const known = knownFailures.filter((k) => k.fixture === name);
    const todo = known.length > 0 ? known.map((k) => k.reason).join('; ') : undefined;
    it(name, { todo }, () => {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const problems = exercise(kind, text, { positions: allPositions(text) });
      assert.equal(summarize(problems), '');
      const fixes = roundTripProblems(standaloneCase(name, kind, text));
      assert.deepEqual(fixes, []);
    });
  }
});
