import type { TextEdit } from '../../text';
import type { DockerfileModel } from '../model';
import type { RunInfo } from './commands';

/** Inserts text at a Dockerfile offset. */
export function insertAt(model: DockerfileModel, offset: number, text: string): TextEdit {
  const position = model.lines.positionAt(offset);
  return { range: { start: position, end: position }, newText: text };
}

/** True when the RUN's script is the body of `RUN <<EOF`, not the text after `RUN`. */
export function isHeredocScript(model: DockerfileModel, run: RunInfo): boolean {
  const first = run.instruction.getArguments()[0];
  return first !== undefined && model.lines.offsetAt(first.getRange().start) !== run.script.offset;
}

/**
 * Adds `&& command` right after a command that ends at `end`, in the continuation
 * style of the instruction: on the same line when the instruction is one line or
 * more follows on that line, else on a new continuation line indented like its
 * neighbours, with `&&` leading or trailing as the other lines do. Undefined when
 * the command is followed by `||` or `|`, where any insertion would regroup the list.
 */
export function appendCommandEdit(model: DockerfileModel, run: RunInfo, end: number, command: string): TextEdit | undefined {
  const lines = model.lines;
  const escape = model.directives.escapeCharacter;
  const endPosition = lines.positionAt(end);
  const lineEnd = lines.lineEnd(endPosition.line);
  const rest = model.text.slice(end, lineEnd);
  const trimmed = rest.trim();
  if (/^(?:\|\||\|)/.test(trimmed)) return undefined;
  const range = run.instruction.getRange();
  const inline = insertAt(model, end, ` && ${command}`);
  if (isHeredocScript(model, run) || range.start.line === range.end.line) return inline;
  const continues = trimmed === escape;
  const trailingOperator = new RegExp(`^(?:&&|;)\\s*${escapeRegExp(escape)}$`).test(trimmed);
  if (trimmed !== '' && !continues && !trailingOperator) return inline;
  const indent = indentFor(model, run, endPosition.line);
  const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
  if (trailingOperator || (trimmed === '' && usesTrailingOperators(model, run, escape))) {
    return insertAt(model, end, ` && ${escape}${newline}${indent}${command}`);
  }
  return insertAt(model, end, ` ${escape}${newline}${indent}&& ${command}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lines of the instruction other than comment lines, with their numbers. */
function instructionLines(model: DockerfileModel, run: RunInfo): { line: number; text: string }[] {
  const range = run.instruction.getRange();
  const result: { line: number; text: string }[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const text = model.lines.lineText(line);
    if (line > range.start.line && /^\s*#/.test(text)) continue;
    result.push({ line, text });
  }
  return result;
}

function usesTrailingOperators(model: DockerfileModel, run: RunInfo, escape: string): boolean {
  const trailing = new RegExp(`(?:&&|;)\\s*${escapeRegExp(escape)}\\s*$`);
  return instructionLines(model, run).some(({ text }) => trailing.test(text));
}

/** The indentation of the line the new command goes after, or of the instruction's continuation lines. */
function indentFor(model: DockerfileModel, run: RunInfo, line: number): string {
  const startLine = run.instruction.getRange().start.line;
  const candidates = instructionLines(model, run).filter((entry) => entry.line > startLine && entry.text.trim() !== '');
  // Prefer a line that starts a command or an operator over one that continues a package list.
  const operatorLine = [...candidates].reverse().find((entry) => entry.line <= line && /^\s*(?:&&|;|\|\|)/.test(entry.text));
  const chosen = operatorLine ?? candidates.find((entry) => entry.line <= line) ?? candidates[0];
  const indent = chosen ? (/^[ \t]*/.exec(chosen.text)?.[0] ?? '') : '';
  return indent === '' ? '    ' : indent;
}
