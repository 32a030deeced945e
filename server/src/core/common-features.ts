// Features that work the same for Dockerfiles and compose files: quick fixes
// from findings, "ignore this rule" actions, and hovers on suppression comments.
import { locate } from './compose/yaml-path';
import { syntaxOf } from './dockerfile/syntax/scan';
import type { FeatureContext } from './feature-context';
import type { CodeAction, Hover } from './features';
import { findRule } from './rules/registry';
import type { Finding } from './rules/rule';
import { docsUrl } from './rules/rule';
import { ruleMarkdown } from './rules/rules-markdown';
import { isShellcheckCode, type Suppression } from './rules/suppressions';
import { containsPosition, type Position, type Range, rangesOverlap, type TextEdit } from './text';

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
    if (target !== undefined) {
      const indent = /^\s*/.exec(lines.lineText(target))?.[0] ?? '';
      actions.push({
        title: `Ignore ${finding.rule} here`,
        kind: 'quickfix',
        finding,
        edits: [{ range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, newText: `${indent}# dockhand-ignore ${finding.rule}${eol}` }],
      });
    }
    actions.push({ title: `Ignore ${finding.rule} in this file`, kind: 'quickfix', finding, edits: [fileSuppressionEdit(analysis, `# dockhand-ignore-file ${finding.rule}`, eol)] });
  }
  return actions;
}

/**
 * The line a "next instruction" (Dockerfile) or "next line" (YAML) suppression comment goes
 * above; undefined where no comment can suppress the finding without changing the file.
 */
function suppressionTargetLine(analysis: FeatureContext['analysis'], finding: Finding): number | undefined {
  const line = finding.range.start.line;
  if (analysis.kind === 'dockerfile') {
    // A comment among the parser directives would end them.
    if (line < syntaxOf(analysis.model).header.end.line) return undefined;
    const instruction = analysis.model.instructions.find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
    return instruction?.getRange().start.line ?? line;
  }
  const model = analysis.model;
  // A file over the analysis limits has an empty model: its one finding is on its first content line.
  if (line >= model.lines.lineCount) return line;
  const text = model.lines.lineText(line);
  // A YAML suppression covers the next line that is neither blank nor a comment.
  if (/^\s*(?:#.*)?$/.test(text)) return undefined;
  // Inside a scalar over several lines (`command: |`), a comment line would become part of the value.
  const { scalar } = locate(model, model.lines.offsetAt({ line, character: text.search(/\S/) }));
  const start = (scalar as { range?: [number, number, number] } | undefined)?.range?.[0];
  if (start !== undefined && model.lines.positionAt(start).line < line) return undefined;
  return line;
}

/** File-wide suppressions go first, but after parser directives, which must stay at the very top. */
function fileSuppressionEdit(analysis: FeatureContext['analysis'], comment: string, eol: string): TextEdit {
  const lines = analysis.model.lines;
  const line = analysis.kind === 'dockerfile' ? syntaxOf(analysis.model).header.end.line : 0;
  if (line < lines.lineCount) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${comment}${eol}` };
  // Nothing but directives, and no final line break: the comment goes on a new last line.
  const end = lines.positionAt(lines.text.length);
  return { range: { start: end, end }, newText: `${eol}${comment}` };
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
