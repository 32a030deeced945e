import type { LineIndex, Range } from '../text';
import { allRules, findRule } from './registry';
import type { Finding } from './rule';

/** A rule id written in a suppression comment, with where it is written (for hovers). */
export interface SuppressedId {
  id: string;
  range: Range;
  /** The Dockhand rules this id stands for (a hadolint or BuildKit id may map to several). */
  rules: readonly string[] | 'all';
}

export interface Suppression {
  source: 'dockhand' | 'hadolint' | 'buildkit';
  /** `next`: the next instruction (Dockerfile) or line (YAML); `file`: the whole file. */
  scope: 'next' | 'file';
  ids: readonly SuppressedId[] | 'all';
  /** The lines the suppression covers, inclusive, for scope `next`. */
  lines: readonly [number, number] | undefined;
  comment: Range;
  reason: string | undefined;
}

const ownComment = /^#\s*dockhand-ignore(-file)?(?![\w-])\s*([^]*)$/;
const hadolintComment = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([\w,\s]+)$/i;

/**
 * Reads the suppression comments of one comment line: Dockhand's
 * `# dockhand-ignore id, id -- reason` (next instruction) and
 * `# dockhand-ignore-file id -- reason`, and hadolint's `# hadolint ignore=DL3006`
 * and `# hadolint global ignore=DL3006`. `lineText` is the comment, `#` first.
 */
export function parseSuppressionComment(lineText: string, line: number, column: number): Omit<Suppression, 'lines'> | undefined {
  const text = lineText.trimEnd();
  const comment: Range = { start: { line, character: column }, end: { line, character: column + text.length } };
  const own = ownComment.exec(text);
  if (own) {
    const [, fileWide, rest = ''] = own;
    const separator = rest.indexOf('--');
    const list = separator >= 0 ? rest.slice(0, separator) : rest;
    const reason = separator >= 0 ? rest.slice(separator + 2).trim() || undefined : undefined;
    const listStart = column + text.length - rest.length;
    const ids = idsIn(list, line, listStart, (id) => (findRule(id) || isShellcheckCode(id) ? [id] : []));
    return { source: 'dockhand', scope: fileWide ? 'file' : 'next', ids: ids.length === 0 ? 'all' : ids, comment, reason };
  }
  const hadolint = hadolintComment.exec(text);
  if (hadolint) {
    const list = hadolint[2] ?? '';
    const ids = idsIn(list, line, column + text.length - list.length, (id) => (isShellcheckCode(id) ? [id] : rulesWithEquivalent('hadolint', id)));
    return { source: 'hadolint', scope: hadolint[1] ? 'file' : 'next', ids, comment, reason: undefined };
  }
  return undefined;
}

function idsIn(list: string, line: number, start: number, resolve: (id: string) => string[]): SuppressedId[] {
  const ids: SuppressedId[] = [];
  for (const match of list.matchAll(/[\w-]+/g)) {
    const character = start + (match.index ?? 0);
    ids.push({ id: match[0], range: { start: { line, character }, end: { line, character: character + match[0].length } }, rules: resolve(match[0]) });
  }
  return ids;
}

/** ShellCheck's codes (SC2086) are rule ids of their own. */
export function isShellcheckCode(id: string): boolean {
  return /^SC\d{4}$/.test(id);
}

const equivalentIndex = new Map<string, string[]>();

/** The Dockhand rules that are the same check as another tool's id (`hadolint`, `DL3006`). */
export function rulesWithEquivalent(tool: string, id: string): string[] {
  const key = `${tool}:${id}`.toLowerCase();
  let found = equivalentIndex.get(key);
  if (!found) {
    found = allRules.filter((rule) => rule.equivalents.some((e) => e.toLowerCase() === key)).map((rule) => rule.id);
    equivalentIndex.set(key, found);
  }
  return found;
}

/** The BuildKit `# check=skip=...;error=true` directive, as it applies to Dockhand rules. */
export interface CheckDirectiveEffect {
  skip: readonly string[] | 'all';
  error: boolean;
  range: Range;
}

export interface SuppressionResult {
  findings: Finding[];
  suppressed: Finding[];
}

/** Removes suppressed findings and applies `# check=error=true` to BuildKit checks. */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], check: CheckDirectiveEffect | undefined): SuppressionResult {
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const buildkitName = buildkitEquivalent(finding.rule);
    if (check && buildkitName && (check.skip === 'all' || check.skip.includes(buildkitName))) {
      suppressed.push(finding);
      continue;
    }
    const line = finding.range.start.line;
    const hit = suppressions.some(
      (s) =>
        (s.scope === 'file' || (s.lines !== undefined && line >= s.lines[0] && line <= s.lines[1])) &&
        (s.ids === 'all' || s.ids.some((id) => id.rules === 'all' || id.rules.includes(finding.rule))),
    );
    if (hit) suppressed.push(finding);
    else kept.push(check?.error && buildkitName && finding.severity !== 'error' ? { ...finding, severity: 'error' } : finding);
  }
  return { findings: kept, suppressed };
}

function buildkitEquivalent(ruleId: string): string | undefined {
  const equivalent = findRule(ruleId)?.equivalents.find((e) => e.startsWith('buildkit:'));
  return equivalent?.slice('buildkit:'.length);
}

/** Suppressions in YAML: a comment applies to the next line that is not blank or a comment. */
export function yamlSuppressions(lines: LineIndex): Suppression[] {
  const result: Suppression[] = [];
  // Most files have none: one search instead of a look at every line.
  if (!lines.text.includes('dockhand-ignore')) return result;
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const column = text.search(/\S/);
    if (column < 0 || text[column] !== '#' || !/dockhand-ignore/.test(text)) continue;
    const parsed = parseSuppressionComment(text.slice(column), line, column);
    if (!parsed || parsed.source !== 'dockhand') continue;
    let target = line + 1;
    while (target < lines.lineCount && /^\s*(?:#.*)?$/.test(lines.lineText(target))) target++;
    result.push({ ...parsed, lines: parsed.scope === 'next' ? [target, target] : undefined });
  }
  return result;
}
