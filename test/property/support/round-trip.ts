// Fix round-trips: apply a quick fix the editor offers and check what the
// result must be. Each check returns the problems it found, as sentences.
import { allRules, type Analysis, type AnalysisSettings, applyEdits, type DocumentKind, type Finding, LanguageService, LineIndex, memoryFileAccess, type Position, type SourceDocument, type TextEdit } from '../../../server/src/core';
import { parseAllDocuments } from 'yaml';
import type { CodeAction } from '../../../server/src/core/features';
import { findRule } from '../../../server/src/core/rules/registry';
import { syntaxOf } from '../../../server/src/core/dockerfile/syntax/scan';
import { describe } from './invariants';

export interface RoundTripCase {
  name: string;
  kind: DocumentKind;
  text: string;
  path: string;
  settings: AnalysisSettings;
  service: LanguageService;
}

const ignoreTitle = /^Ignore (\S+) (?:here|in this file)$/;

export function isIgnoreAction(action: CodeAction): boolean {
  return ignoreTitle.test(action.title);
}

function documentOf(c: RoundTripCase, text: string, variant: string): SourceDocument {
  return { uri: `file://${c.path}${variant}`, path: c.path, kind: c.kind, version: 1, text };
}

export function analyze(c: RoundTripCase, text: string, variant = ''): Analysis {
  return c.service.analyze(documentOf(c, text, variant), c.settings);
}

/** Where a position of the text before the edits is in the text after them (an edited position moves to its edit's start). */
export function mapPosition(text: string, edits: readonly TextEdit[], position: Position): Position {
  const before = new LineIndex(text);
  const offset = before.offsetAt(position);
  let delta = 0;
  let moved = offset;
  for (const edit of [...edits].sort((a, b) => before.offsetAt(a.range.start) - before.offsetAt(b.range.start))) {
    const start = before.offsetAt(edit.range.start);
    const end = before.offsetAt(edit.range.end);
    if (end <= offset && !(start === end && start === offset)) delta += edit.newText.length - (end - start);
    else if (start <= offset && offset < end) moved = start;
  }
  return new LineIndex(applyEdits(text, edits)).positionAt(moved + delta);
}

/** The quick fixes the editor offers for each finding (not the "Ignore" ones), as the CLI and the editor see them. */
export function offeredFixes(c: RoundTripCase, analysis: Analysis): { finding: Finding; action: CodeAction }[] {
  const document = documentOf(c, c.text, '');
  const result: { finding: Finding; action: CodeAction }[] = [];
  const seen = new Set<string>();
  for (const finding of analysis.findings) {
    for (const action of c.service.codeActions(document, finding.range, c.settings)) {
      if (action.kind !== 'quickfix' || !action.finding || isIgnoreAction(action) || !sameFinding(action.finding, finding)) continue;
      const key = `${action.title} ${JSON.stringify(action.edits)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ finding, action });
    }
  }
  return result;
}

export function ignoreActionsFor(c: RoundTripCase, finding: Finding): CodeAction[] {
  return c.service.codeActions(documentOf(c, c.text, ''), finding.range, c.settings).filter((a) => isIgnoreAction(a) && a.finding && sameFinding(a.finding, finding));
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.rule === b.rule && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

const countBy = (findings: readonly Finding[], key: (f: Finding) => string | undefined): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const k = key(finding);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
};

/** Error-severity findings the second analysis has more of than the first, by rule. */
function newErrors(before: Analysis, after: Analysis): string[] {
  const was = countBy(before.findings, (f) => (f.severity === 'error' ? f.rule : undefined));
  const problems: string[] = [];
  for (const [rule, count] of countBy(after.findings, (f) => (f.severity === 'error' ? f.rule : undefined))) {
    if (count > (was.get(rule) ?? 0)) problems.push(`a new error appeared: ${after.findings.find((f) => f.rule === rule && f.severity === 'error')?.message ?? rule}`);
  }
  return problems;
}

interface LineRoles {
  comments: Set<number>;
  blanks: Set<number>;
  heredocBodies: Set<number>;
  /** Heredoc body lines of RUN instructions, by the instruction's first line: the script a fix to that RUN may edit. */
  runScripts: Map<number, Set<number>>;
}

/** Which lines are comments, blank, or heredoc bodies: the lines a fix must leave alone. */
function lineRoles(kind: DocumentKind, analysis: Analysis): LineRoles {
  const lines = analysis.model.lines;
  const roles: LineRoles = { comments: new Set(), blanks: new Set(), heredocBodies: new Set(), runScripts: new Map() };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (text.trim() === '') roles.blanks.add(line);
    else if (text.trimStart().startsWith('#')) roles.comments.add(line);
  }
  if (kind === 'dockerfile' && analysis.kind === 'dockerfile') {
    for (const statement of syntaxOf(analysis.model).statements) {
      if (statement.heredocs.length === 0) continue;
      const script = new Set<number>();
      for (let line = statement.lineEnd + 1; line <= statement.endLine; line++) {
        roles.heredocBodies.add(line);
        roles.comments.delete(line);
        script.add(line);
      }
      if (statement.upper === 'RUN') roles.runScripts.set(statement.startLine, script);
    }
  }
  return roles;
}

/** The original lines a change removed or altered: outside the common head and tail, not in a longest common subsequence. */
export function changedLines(before: string, after: string): number[] {
  const a = before.split(/\r\n?|\n/);
  const b = after.split(/\r\n?|\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length * y.length > 250_000) return x.map((_, i) => head + i);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const changed: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length) {
    if (j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < y.length && lcs[i]![j + 1]! >= lcs[i + 1]![j]!) {
      j++;
    } else {
      changed.push(head + i);
      i++;
    }
  }
  return changed;
}

const anchorTokens = (text: string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/(?<=^|[\s[{,:-])[&*][^\s,[\]{}]+/gm)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
};

/** What must hold after one quick fix: it applies, changes something, removes its finding, adds no error, and leaves comments, blank lines, heredoc bodies and YAML anchors alone. */
export function checkFix(c: RoundTripCase, before: Analysis, finding: Finding, action: CodeAction): string[] {
  const problems: string[] = [];
  let fixed: string;
  try {
    fixed = applyEdits(c.text, action.edits);
  } catch (error) {
    return [`its edits do not apply: ${String(error)}`];
  }
  if (fixed === c.text) return ['it changes nothing'];
  const after = analyze(c, fixed, '#fixed');
  const moved = mapPosition(c.text, action.edits, finding.range.start);
  const onLine = (analysis: Analysis, line: number): number => analysis.findings.filter((f) => f.rule === finding.rule && f.range.start.line === line).length;
  if (onLine(after, moved.line) >= onLine(before, finding.range.start.line)) problems.push(`${finding.rule} still fires on line ${moved.line + 1} of the result`);
  problems.push(...newErrors(before, after));
  if (c.kind === 'compose') {
    const syntax = (a: Analysis): number => a.findings.filter((f) => f.rule === 'yaml-syntax').length;
    if (syntax(after) > syntax(before)) problems.push('the result is not valid YAML');
  }

  const roles = lineRoles(c.kind, before);
  const lines = before.model.lines;
  // The lines a fix names: its finding's. A heredoc body may change only when it is the script of
  // the RUN the finding is on, a comment only when the finding is about it (a directive), and a
  // blank line only inside the finding's instruction (an empty continuation line).
  const covered = (line: number): boolean => finding.range.start.line <= line && line <= finding.range.end.line;
  const [first, last] = suppressedLines(before, finding);
  const ownScript = [...roles.runScripts].find(([start, script]) => start <= finding.range.start.line && (start === finding.range.start.line || script.has(finding.range.start.line)))?.[1];
  for (const line of changedLines(c.text, fixed)) {
    const show = JSON.stringify(lines.lineText(line));
    if (roles.heredocBodies.has(line) && !covered(line) && !ownScript?.has(line)) problems.push(`it changed line ${line + 1}, in a heredoc body: ${show}`);
    else if (roles.comments.has(line) && line !== finding.range.start.line) problems.push(`it changed comment line ${line + 1}: ${show}`);
    else if (roles.blanks.has(line) && !covered(line) && !(c.kind === 'dockerfile' && first < line && line < last)) problems.push(`it removed blank line ${line + 1}`);
  }
  if (c.kind === 'compose') {
    const after = anchorTokens(fixed);
    for (const [token, count] of anchorTokens(c.text)) if ((after.get(token) ?? 0) < count) problems.push(`it removed the YAML anchor or alias ${token}`);
  }
  return problems;
}

/** "Ignore X here" removes exactly the findings of X on that instruction (or line); "in this file", every X; nothing else changes. */
export function checkIgnore(c: RoundTripCase, before: Analysis, finding: Finding, action: CodeAction): string[] {
  let ignored: string;
  try {
    ignored = applyEdits(c.text, action.edits);
  } catch (error) {
    return [`its edits do not apply: ${String(error)}`];
  }
  const after = analyze(c, ignored, '#ignored');
  const problems: string[] = [];
  const wholeFile = action.title.endsWith('in this file');
  const moved = mapPosition(c.text, action.edits, finding.range.start);
  const left = after.findings.filter((f) => f.rule === finding.rule && (wholeFile || f.range.start.line === moved.line));
  if (left.length > 0) problems.push(`${finding.rule} still fires on line ${left[0]!.range.start.line + 1} after "${action.title}"`);
  // Every other rule's findings are the same, by rule and severity.
  const others = (a: Analysis): Map<string, number> => countBy(a.findings, (f) => (f.rule === finding.rule ? undefined : `${f.rule} ${f.severity}`));
  const was = others(before);
  const now = others(after);
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    if ((was.get(key) ?? 0) !== (now.get(key) ?? 0)) problems.push(`"${action.title}" changed the findings of another rule: ${key} ${was.get(key) ?? 0} → ${now.get(key) ?? 0}`);
  }
  if (!wholeFile) {
    // The findings of the rule elsewhere stay.
    const [first, last] = suppressedLines(before, finding);
    const elsewhere = before.findings.filter((f) => f.rule === finding.rule && (f.range.start.line < first || f.range.start.line > last)).length;
    const remaining = after.findings.filter((f) => f.rule === finding.rule).length;
    if (remaining !== elsewhere) problems.push(`"${action.title}" left ${remaining} ${finding.rule} findings where ${elsewhere} were elsewhere in the file`);
  }
  if (c.kind === 'compose' && after.findings.filter((f) => f.rule === 'yaml-syntax').length > before.findings.filter((f) => f.rule === 'yaml-syntax').length) problems.push('the result is not valid YAML');
  // A comment line adds no data: inside a block scalar it would.
  if (c.kind === 'compose') {
    const was = yamlValue(c.text);
    if (was !== undefined && yamlValue(ignored) !== was) problems.push(`"${action.title}" changed the YAML's value, not only its comments`);
  }
  return problems;
}

/** Every document's value as JSON; undefined when the text has errors or its aliases expand too far. */
function yamlValue(text: string): string | undefined {
  try {
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return undefined;
    return JSON.stringify(documents.map((d) => d.toJS() as unknown));
  } catch {
    return undefined;
  }
}

/** The lines a "next instruction" (Dockerfile: and the comments above it) or "next line" (YAML) suppression of this finding covers. */
function suppressedLines(analysis: Analysis, finding: Finding): [number, number] {
  const line = finding.range.start.line;
  if (analysis.kind !== 'dockerfile') return [line, line];
  const instruction = analysis.model.instructions.find((i) => i.getRange().end.line >= line);
  if (!instruction) return [line, Math.max(line, analysis.model.lines.lineCount - 1)];
  return [Math.min(line, instruction.getRange().start.line), instruction.getRange().end.line];
}

const maxPasses = 10;

/**
 * Applies every safe fix, pass after pass as `--fix` does, starting from
 * `analysis` of `text`; returns the text, its analysis, and the passes it took
 * (maxPasses + 1: it never settled).
 */
export function applySafeFixes(c: RoundTripCase, text: string, analysis: Analysis): { text: string; analysis: Analysis; passes: number } {
  for (let pass = 0; pass <= maxPasses; pass++) {
    const edits: TextEdit[] = [];
    const lines = new LineIndex(text);
    const taken: [number, number][] = [];
    for (const finding of analysis.findings) {
      if (!finding.fix || finding.fix.edits.length === 0 || findRule(finding.rule)?.fixable !== 'safe') continue;
      const spans = finding.fix.edits.map((e): [number, number] => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]);
      const clash = spans.some(([s, e], i) => taken.some(([ts, te]) => s === ts || (s < te && ts < e)) || spans.some(([s2, e2], j) => j > i && (s === s2 || (s < e2 && s2 < e))));
      if (clash) continue;
      taken.push(...spans);
      edits.push(...finding.fix.edits);
    }
    if (edits.length === 0) return { text, analysis, passes: pass };
    const next = applyEdits(text, edits);
    if (next === text) return { text, analysis, passes: pass };
    text = next;
    analysis = analyze(c, text, '#safe');
  }
  return { text, analysis, passes: maxPasses + 1 };
}

/** Safe fixes settle: applying them all, then all again, changes nothing the second time; and they add no error. */
export function checkSafeFixes(c: RoundTripCase, before: Analysis): string[] {
  const first = applySafeFixes(c, c.text, before);
  if (first.passes > maxPasses) return [`the safe fixes never settle: after ${maxPasses} passes they still change the file`];
  if (first.text === c.text) return [];
  const problems: string[] = [];
  // The analysis of the settled text has no safe fix left to apply, or it would not have settled.
  const second = applySafeFixes(c, first.text, first.analysis);
  if (second.text !== first.text) problems.push('applying the safe fixes a second time changed the file again');
  problems.push(...newErrors(before, first.analysis));
  return problems;
}

/**
 * Every round-trip problem of one file: each offered fix (at most
 * `fixesPerRule` of one rule), the "Ignore" actions, and the safe fixes together. `ignores`: both "Ignore" actions of
 * every rule found (`all`), or of one rule, the n-th found, and one of its two
 * actions by n's parity (a sample, for the corpus: the mechanism is shared).
 */
export function roundTripProblems(c: RoundTripCase, ignores: 'all' | { sample: number } = 'all', fixesPerRule = Number.POSITIVE_INFINITY): { call: string; message: string }[] {
  const problems: { call: string; message: string }[] = [];
  const report = (call: string, check: () => readonly string[]): void => {
    try {
      for (const message of check()) problems.push({ call, message });
    } catch (error) {
      problems.push({ call, message: `threw ${describe(error)}` });
    }
  };
  let before: Analysis | undefined;
  let fixes: { finding: Finding; action: CodeAction }[] = [];
  report('offered fixes', () => {
    before = analyze(c, c.text);
    fixes = offeredFixes(c, before);
    return [];
  });
  if (!before) return problems;
  const analysis = before;
  const perRule = new Map<string, number>();
  for (const { finding, action } of fixes) {
    const count = (perRule.get(finding.rule) ?? 0) + 1;
    perRule.set(finding.rule, count);
    if (count <= fixesPerRule) report(`fix ${finding.rule} "${action.title}"`, () => checkFix(c, analysis, finding, action));
  }
  const firstOfRule = analysis.findings.filter((f, i) => analysis.findings.findIndex((g) => g.rule === f.rule) === i);
  const chosen = ignores === 'all' ? firstOfRule : firstOfRule.slice(ignores.sample % Math.max(1, firstOfRule.length)).slice(0, 1);
  for (const finding of chosen) {
    report(`ignore ${finding.rule}`, () => {
      const actions = ignoreActionsFor(c, finding);
      const found: string[] = [];
      for (const action of ignores === 'all' ? actions : actions.filter((_, i) => i % 2 === ignores.sample % 2)) {
        found.push(...checkIgnore(c, analysis, finding, action).map((message) => `"${action.title}": ${message}`));
      }
      return found;
    });
  }
  report('safe fixes', () => checkSafeFixes(c, analysis));
  return problems;
}

/** Every rule on, at its default severity: the most fixes there are to check. */
export const everyRule: AnalysisSettings = { rules: Object.fromEntries(allRules.map((rule) => [rule.id, rule.defaultSeverity])) };

/** A round-trip case for a text alone, as a Dockerfile or compose file with no neighbours. */
export function standaloneCase(name: string, kind: DocumentKind, text: string, settings: AnalysisSettings = everyRule): RoundTripCase {
  const filePath = `/standalone/${kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`;
  return { name, kind, text, path: filePath, settings, service: new LanguageService(memoryFileAccess({ [filePath]: text })) };
}
