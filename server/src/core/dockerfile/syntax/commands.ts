import type { Range } from '../../text';
import { flagsIgnored, isInstruction } from './flags';
import { type Command, type Flag, memo, type Statement, type SyntaxInfo } from './scan';

/** An instruction to check: a statement, or the instruction an ONBUILD registers. */
export interface CheckedCommand {
  command: Command;
  statement: Statement;
  /** True for ONBUILD's instruction, which runs in builds FROM this image. */
  isTrigger: boolean;
}

/** Every instruction of the file, ONBUILD triggers right after their ONBUILD. */
export function commandsOf(info: SyntaxInfo): readonly CheckedCommand[] {
  return memo(info, 'commands', allCommands);
}

function allCommands(info: SyntaxInfo): CheckedCommand[] {
  const out: CheckedCommand[] = [];
  for (const statement of info.statements) {
    out.push({ command: statement, statement, isTrigger: false });
    if (statement.trigger) out.push({ command: statement.trigger, statement, isTrigger: true });
  }
  return out;
}

export function keywordRange(statement: Statement, command: Command): Range {
  return statement.line.range(command.keywordStart, command.keywordEnd);
}

export function restRange(statement: Statement, command: Command): Range {
  return statement.line.range(command.restStart, command.restEnd);
}

/** "RUN" or "ONBUILD RUN", for messages. */
export function displayName(checked: CheckedCommand): string {
  return checked.isTrigger ? `ONBUILD ${checked.command.upper}` : checked.command.upper;
}

/** Suffix for findings in ONBUILD triggers, which fail only later, in builds FROM this image. */
export function triggerNote(checked: CheckedCommand): string {
  return checked.isTrigger ? ' (this ONBUILD trigger fails every build FROM this image)' : '';
}

/** False where the builder never reads the flags: ARG, STOPSIGNAL, HEALTHCHECK NONE, unknown instructions. */
export function flagsAreRead(checked: CheckedCommand): boolean {
  const { command } = checked;
  if (!isInstruction(command.upper) || flagsIgnored.has(command.upper)) return false;
  if (command.upper === 'HEALTHCHECK') return !/^none(?:\s|$)/i.test(command.rest);
  return true;
}

/** Where a flag's name is written (`--name`), for findings about the flag itself. */
export function flagNameRange(statement: Statement, flag: Flag): Range {
  return statement.line.range(flag.start, flag.nameEnd);
}

export function flagRange(statement: Statement, flag: Flag): Range {
  return statement.line.range(flag.start, flag.end);
}

/** The value after `=`, or the whole flag when the value was quoted or escaped. */
export function flagValueRange(statement: Statement, flag: Flag): Range {
  if (flag.valueStart === undefined || flag.valueStart >= flag.end) return flagRange(statement, flag);
  return statement.line.range(flag.valueStart, flag.end);
}

/** Ends a message with a period unless it already ends with punctuation. */
export function sentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}
