// Bugs the property tests and the fuzzer found in code owned elsewhere, each
// with its shrunk input in test/fixtures/regressions/. They stay visible here
// (and in the replay test) without turning `npm test` red; delete an entry
// once its bug is fixed, and the replay test then guards the fix.
import type { DocumentKind } from '../../../server/src/core';
import type { Problem } from './invariants';

export interface KnownFailure {
  /** The regression fixture, in test/fixtures/regressions/. */
  fixture: string;
  /** One line: what is wrong, and where. */
  reason: string;
  /** Which problems this bug explains, wherever they show up. */
  kind: DocumentKind;
  problem: { kind?: Problem['kind']; call?: RegExp; message: RegExp };
}

export const knownFailures: readonly KnownFailure[] = [];

/** True when a problem is one of the known failures. */
export function knownFailure(kind: DocumentKind, _text: string, problem: Problem): KnownFailure | undefined {
  return knownFailures.find(
    (known) =>
      known.kind === kind &&
      (known.problem.kind === undefined || known.problem.kind === problem.kind) &&
      (known.problem.call === undefined || known.problem.call.test(problem.call)) &&
      known.problem.message.test(problem.message),
  );
}
