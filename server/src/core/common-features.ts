// Features that work the same for Dockerfiles and compose files: quick fixes
// from findings, "ignore this rule" actions, and hovers on suppression comments.
import type { FeatureContext } from './feature-context';
import type { CodeAction, Hover } from './features';
import { findRule } from './rules/registry';
import type { Finding } from './rules/rule';
import { docsUrl } from './rules/rule';
import { ruleMarkdown } from './rules/rules-markdown';
import { isShellcheckCode, type Suppression } from './rules/suppressions';
import { containsPosition, type Position, type Range, rangesOverlap } from './text';

/** The fix of every finding under the cursor. */
export function fixActions({ analysis }: FeatureContext, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!finding.fix || !rangesOverlap(finding.range, range)) continue;
    const safe = findRule(finding.rule)?.fixable === 'safe';
    actions.push({ title: finding.fix.title, kind: 'quickfix', finding, isPreferred: safe, edits: finding.fix.edits });
  }
  return actions;
}

/**
 * "Ignore this rule here" and "in this file" for every finding under the
 * cursor; `extraFindings` are those of an external linter (ShellCheck's
 * `SC2086`), which suppression comments name the same way.
 */
export function ignoreActions({ analysis }: FeatureContext, range: Range, extraFindings: readonly Finding[] = []): CodeAction[] {
  const lines = analysis.model.lines;
  const eol = analysis.model.text.includes('\r\n') ? '\r\n' : '\n';
  const seen = new Set<string>();
  const actions: CodeAction[] = [];
  for (const finding of [...analysis.findings, ...extraFindings]) {
    if (!rangesOverlap(finding.range, range) || !(findRule(finding.rule) || isShellcheckCode(finding.rule)) || seen.has(finding.rule)) continue;
    seen.add(finding.rule);
    const target = suppressionTargetLine(analysis, finding);
    const indent = /^\s*/.exec(lines.lineText(target))?.[0] ?? '';
    actions.push({
      title: `Ignore ${finding.rule} here`,
      kind: 'quickfix',
      finding,
      edits: [{ range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, newText: `${indent}# dockhand-ignore ${finding.rule}${eol}` }],
    });
    const top = fileSuppressionLine(analysis);
    actions.push({
      title: `Ignore ${finding.rule} in this file`,
      kind: 'quickfix',
      finding,
      edits: [{ range: { start: { line: top, character: 0 }, end: { line: top, character: 0 } }, newText: `# dockhand-ignore-file ${finding.rule}${eol}` }],
    });
  }
  return actions;
}

/** The line a "next instruction" suppression comment goes above. */
function suppressionTargetLine(analysis: FeatureContext['analysis'], finding: Finding): number {
  if (analysis.kind !== 'dockerfile') return finding.range.start.line;
  const line = finding.range.start.line;
  const instruction = analysis.model.instructions.find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
  return instruction?.getRange().start.line ?? line;
}

/** File-wide suppressions go first, but after parser directives, which must stay at the very top. */
function fileSuppressionLine(analysis: FeatureContext['analysis']): number {
  if (analysis.kind !== 'dockerfile') return 0;
  const directives = analysis.model.directives.all;
  return directives.length > 0 ? Math.max(...directives.map((d) => d.range.end.line)) + 1 : 0;
}

/** Hovering a rule id in a suppression comment shows that rule's docs. */
export function suppressionHover({ analysis }: FeatureContext, position: Position): Hover | undefined {
  for (const suppression of analysis.suppressions) {
    if (suppression.ids === 'all' || !containsPosition(suppression.comment, position)) continue;
    for (const id of suppression.ids) {
      if (!containsPosition(id.range, position)) continue;
      if (isShellcheckCode(id.id)) return { markdown: shellcheckCodeHover(id.id, suppression.source), range: id.range };
      const rules = id.rules === 'all' ? [] : id.rules.map((rule) => findRule(rule)).filter((rule) => rule !== undefined);
      if (rules.length === 0) return { markdown: `\`${id.id}\` is not a rule Dockhand knows, so this suppresses nothing.`, range: id.range };
      const intro = suppression.source === 'dockhand' ? '' : `\`${id.id}\` is ${suppression.source}'s id for the same check as:\n\n`;
      return { markdown: intro + rules.map((rule) => `${ruleMarkdown(rule, 4)}\n[Rule docs](${docsUrl(rule.id)})`).join('\n\n---\n\n'), range: id.range };
    }
  }
  return undefined;
}

/** ShellCheck's checks have no docs in Dockhand: say what the id does here and link ShellCheck's wiki. */
function shellcheckCodeHover(id: string, source: Suppression['source']): string {
  const where = source === 'hadolint' ? 'As in hadolint, it hides' : 'It hides';
  return [
    `**${id}** is a ShellCheck check, reported on the script of a shell-form \`RUN\` when ShellCheck runs (the editor in a trusted workspace, \`dockhand lint\`).`,
    `${where} ShellCheck's ${id} finding here, and can be set like a rule (\`"${id}": "off"\` in \`dockhand.rules\` or \`.dockhand.yaml\`).`,
    `[ShellCheck wiki: ${id}](${docsUrl(id)})`,
  ].join('\n\n');
}
