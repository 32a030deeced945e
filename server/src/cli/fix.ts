// `--fix`: applies the fixes the core offers, pass after pass, and refuses a result that no longer parses.
import { allRules, analyzeText, type Analysis, applyEdits, type DocumentKind, findRule, type Finding, LineIndex, type TextEdit } from '../core';
import type { FixMode } from './arguments';

const maxPasses = 10;

export interface FixResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** The analysis of `text`. */
  analysis: Analysis;
}

function isWanted(finding: Finding, mode: FixMode): boolean {
  if (!finding.fix || finding.fix.edits.length === 0) return false;
  const fixable = findRule(finding.rule)?.fixable ?? 'none';
  return fixable === 'safe' || (fixable === 'unsafe' && mode === 'unsafe');
}

/**
 * Applies the wanted fixes of `analysis`, skipping any that overlaps one
 * already taken in the same pass, and analyses again until no fix applies.
 */
export function applyFixes(text: string, analysis: Analysis, mode: FixMode, analyze: (text: string) => Analysis): FixResult {
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const lines = new LineIndex(text);
    const taken: { start: number; end: number }[] = [];
    const edits: TextEdit[] = [];
    for (const finding of analysis.findings) {
      if (!isWanted(finding, mode)) continue;
      const spans = finding.fix!.edits.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end) }));
      const clash = spans.some((span, i) => taken.some((other) => overlaps(span, other)) || spans.some((next, j) => j > i && overlaps(span, next)));
      if (clash) continue;
      taken.push(...spans);
      edits.push(...finding.fix!.edits);
      applied++;
    }
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    analysis = analyze(text);
  }
  return { text, applied, analysis };
}

/** Two edits clash when they share any character, or insert at the same place. */
function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === b.start) return true;
  return a.start < b.end && b.start < a.end;
}

/** Every syntax rule that reports an error by default, and nothing else. */
const syntaxOnly = {
  rules: Object.fromEntries(allRules.map((rule) => [rule.id, rule.category === 'syntax' && (rule.defaultSeverity === 'error' || rule.id === 'yaml-syntax') ? 'error' : 'off'] as const)),
};

/**
 * The first syntax error the fixed text has that the original had not (by
 * rule, counted), whatever the user's configuration turns off; undefined when
 * the fixes kept the file parseable.
 */
export function newSyntaxError(kind: DocumentKind, before: string, after: string): Finding | undefined {
  const counts = new Map<string, number>();
  for (const finding of analyzeText(kind, before, syntaxOnly).findings) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
  for (const finding of analyzeText(kind, after, syntaxOnly).findings) {
    const left = counts.get(finding.rule) ?? 0;
    if (left === 0) return finding;
    counts.set(finding.rule, left - 1);
  }
  return undefined;
}
