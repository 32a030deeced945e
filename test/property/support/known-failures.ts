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

export const knownFailures: readonly KnownFailure[] = [
  {
    fixture: 'dockerfile-ignore-above-directive.Dockerfile',
    reason: 'common-features.ts ignoreActions: "Ignore X here/in this file" on a parser directive inserts a comment above a directive, which ends the directive header',
    kind: 'dockerfile',
    problem: { kind: 'fix', call: /^ignore (?:invalid|duplicate|misplaced)-directive/, message: /changed the findings of another rule: misplaced-directive/ },
  },
  {
    fixture: 'dockerfile-ignore-misplaced-directive.Dockerfile',
    reason: 'common-features.ts ignoreActions: "Ignore misplaced-directive here" goes above a comment line, but a Dockerfile suppression covers the next instruction, not the comment',
    kind: 'dockerfile',
    problem: { kind: 'fix', call: /^ignore misplaced-directive$/, message: /^"Ignore misplaced-directive here": .*left \d+ misplaced-directive findings/ },
  },
  {
    fixture: 'compose-ignore-yaml-syntax-on-comment.yaml',
    reason: 'common-features.ts ignoreActions: a yaml-syntax error reported on a comment line cannot be suppressed by a comment above it (the suppression targets the next non-comment line)',
    kind: 'compose',
    problem: { kind: 'fix', call: /^ignore yaml-syntax$/, message: /^"Ignore yaml-syntax here": yaml-syntax still fires/ },
  },
  {
    fixture: 'dockerfile-range-ignore-in-file-after-last-line.Dockerfile',
    reason: 'common-features.ts fileSuppressionLine: with only directives and no final newline, "Ignore X in this file" inserts on a line past the end',
    kind: 'dockerfile',
    problem: { kind: 'range', call: /^codeActions@/, message: /in this file" edit: range \d+:0-\d+:0 past the last line/ },
  },
  {
    fixture: 'compose-range-document-symbols-alias.yaml',
    reason: "compose documentSymbols: a service whose body is an alias (`web: *x`) gets a range that starts at the use and ends at the anchor, before it",
    kind: 'compose',
    problem: { kind: 'range', call: /^documentSymbols$/, message: /ends before it starts/ },
  },
  {
    fixture: 'compose-range-unset-interpolation-variable-crlf.yaml',
    reason: 'compose unset-interpolation-variable and its hover: in a block scalar with CRLF line ends, the range covers the \\r, past the end of the line',
    kind: 'compose',
    problem: { kind: 'range', call: /^(?:analyze|hover@)/, message: /(?:finding unset-interpolation-variable|hover): range .* past the end of line/ },
  },
];

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
