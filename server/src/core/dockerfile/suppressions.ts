import { parseSuppressionComment, type Suppression } from '../rules/suppressions';
import type { DockerfileModel } from './model';

/**
 * Suppression comments in a Dockerfile: each `# dockhand-ignore ...` or
 * `# hadolint ignore=...` covers every line of the next instruction, and the
 * comment lines before it (a misplaced `# syntax=` is a finding on a comment).
 */
export function dockerfileSuppressions(model: DockerfileModel): Suppression[] {
  const result: Suppression[] = [];
  const instructions = model.instructions;
  let next = 0;
  // Comment lines, and the lines above the first instruction: dockerfile-ast reads
  // `# hadolint ignore=X` there as a parser directive, though Docker does not.
  const firstInstructionLine = instructions[0]?.getRange().start.line ?? model.lines.lineCount;
  const candidates = new Set<number>(model.ast.getComments().map((comment) => comment.getRange().start.line));
  for (let line = 0; line < firstInstructionLine; line++) candidates.add(line);
  for (const line of [...candidates].sort((a, b) => a - b)) {
    const lineText = model.lines.lineText(line);
    const column = lineText.search(/\S/);
    if (column < 0 || lineText[column] !== '#') continue;
    const range = { start: { line, character: column } };
    const text = lineText.slice(column);
    if (!/dockhand-ignore|hadolint/i.test(text)) continue;
    const parsed = parseSuppressionComment(text, line, range.start.character);
    if (!parsed) continue;
    while (next < instructions.length && instructions[next]!.getRange().start.line <= line) next++;
    const target = instructions[next]?.getRange();
    result.push({ ...parsed, lines: parsed.scope === 'next' ? [line + 1, target?.end.line ?? model.lines.lineCount - 1] : undefined });
  }
  return result;
}
