import type { Instruction } from 'dockerfile-ast';
import { type Command, forEachChild, parse, type SyntaxNode, type Word } from 'unbash';
import type { LineIndex, Range } from '../text';

/** A word of a shell command, with its offsets in the Dockerfile. */
export interface ShellWord {
  /** As written, quotes included. */
  text: string;
  /** With quotes removed, as the command receives it when nothing is expanded. */
  value: string;
  start: number;
  end: number;
}

/** One simple command inside a RUN, e.g. `apt-get install -y curl`. */
export interface ShellCommand {
  /** The program, e.g. `apt-get`; `sudo`, `env` and the like are kept as written. */
  name: string;
  nameWord: ShellWord;
  /** The words after the name (flags and operands), assignments and redirections left out. */
  args: ShellWord[];
  /** `NAME=value` assignments before the name. */
  assignments: string[];
  start: number;
  end: number;
  /** Set when the command is one stage of a pipeline `a | b`. */
  pipeline: { index: number; length: number; start: number; end: number } | undefined;
}

export interface ShellScript {
  instruction: Instruction;
  /** Where the script text starts in the Dockerfile. */
  offset: number;
  /** The script as the shell sees it; continuations and comment lines are blanked, so offsets match the Dockerfile. */
  source: string;
  commands: ShellCommand[];
  /** True when the parser gave up on part of the script; rules should then stay careful. */
  hasErrors: boolean;
}

/** Shells whose syntax unbash understands. */
const posixShells = /(?:^|\/)(?:sh|bash|dash|ash|ksh)$/;

/**
 * Parses the shell of a shell-form RUN (and of a heredoc RUN whose body is the
 * script) with a real shell parser. Returns undefined for exec form, for a
 * non-POSIX SHELL (PowerShell, cmd), or when there is nothing to parse.
 */
export function parseRunScript(instruction: Instruction, lines: LineIndex, escape: '\\' | '`', shell: readonly string[]): ShellScript | undefined {
  const program = shell[0];
  if (program !== undefined && !posixShells.test(program)) return undefined;
  const args = instruction.getArguments();
  const first = args[0];
  if (!first) return undefined;
  if (first.getValue().startsWith('[')) return undefined; // exec form (or broken JSON, reported elsewhere)
  const start = lines.offsetAt(first.getRange().start);
  const end = lines.offsetAt(instruction.getRange().end);
  if (end <= start) return undefined;
  const raw = lines.text.slice(start, end);
  // `<<` with no name (`<<\` ending the line is a continuation) is no heredoc to BuildKit, whatever dockerfile-ast says.
  const heredocs = ((instruction as Instruction & { getHeredocs?(): { getName(): string; getContentRange(): Range | null }[] }).getHeredocs?.() ?? []).filter(
    (heredoc) => heredoc.getName() !== '',
  );
  let source: string;
  let offset = start;
  const firstLineEnd = raw.search(/\r?\n/);
  const commandLine = firstLineEnd < 0 ? raw : raw.slice(0, firstLineEnd);
  if (heredocs.length > 0 && /^\s*(?:<<-?\s*["']?[A-Za-z_][\w.-]*["']?\s*)+$/.test(commandLine)) {
    // `RUN <<EOF ... EOF`: the first heredoc's body is the script the shell runs.
    const content = heredocs[0]?.getContentRange();
    if (!content) return undefined;
    offset = lines.offsetAt(content.start);
    source = lines.text.slice(offset, lines.offsetAt(content.end));
  } else if (heredocs.length > 0) {
    // `RUN python3 <<EOF`: a heredoc is stdin of a command; the shell parser handles it natively.
    source = raw;
  } else {
    source = blankContinuations(raw, escape);
  }
  // Continuations are blanked with their CRs; a heredoc goes to the shell as BuildKit reads it, without them.
  const shellText = heredocs.length > 0 ? withoutCarriageReturns(source) : { text: source, toSource: undefined };
  const parsed = parseCached(shellText.text);
  if (!parsed) return undefined;
  // Cached commands are relative to the script; place them in this document.
  const toSource = shellText.toSource;
  const commands = parsed.commands.map((command) => placeCommand(command, toSource ? (at) => offset + toSource(at) : (at) => offset + at));
  return { instruction, offset, source, commands, hasErrors: parsed.hasErrors };
}

/**
 * BuildKit reads each line without its CR, so a heredoc reaches the shell with LF line ends
 * (a `EOF\r` line would not end it). The text without the CR of each CRLF, a lone CR read as
 * LF (as LineIndex does), and the way from its offsets back to those of `source`.
 */
function withoutCarriageReturns(source: string): { text: string; toSource: ((at: number) => number) | undefined } {
  if (!source.includes('\r')) return { text: source, toSource: undefined };
  // Offsets in the result just after which a CR was dropped.
  const dropped: number[] = [];
  let text = '';
  let last = 0;
  for (let cr = source.indexOf('\r'); cr >= 0; cr = source.indexOf('\r', cr + 1)) {
    text += source.slice(last, cr);
    if (source[cr + 1] === '\n') dropped.push(text.length);
    else text += '\n';
    last = cr + 1;
  }
  text += source.slice(last);
  return {
    text,
    toSource: (at) => {
      let low = 0;
      let high = dropped.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (dropped[mid]! < at) low = mid + 1;
        else high = mid;
      }
      return at + low;
    },
  };
}

/**
 * Parsed scripts by source text. Typing changes one RUN at a time, so the other
 * RUNs of the next version parse from here. Bounded, oldest entries dropped.
 */
const parseCache = new Map<string, { commands: ShellCommand[]; hasErrors: boolean } | undefined>();
const parseCacheLimit = 4000;

function parseCached(source: string): { commands: ShellCommand[]; hasErrors: boolean } | undefined {
  if (parseCache.has(source)) {
    const hit = parseCache.get(source);
    parseCache.delete(source);
    parseCache.set(source, hit);
    return hit;
  }
  let result: { commands: ShellCommand[]; hasErrors: boolean } | undefined;
  try {
    const script = parse(source);
    const commands: ShellCommand[] = [];
    collectCommands(script, source, 0, commands, undefined);
    result = { commands, hasErrors: (script.errors?.length ?? 0) > 0 };
  } catch {
    result = undefined;
  }
  if (source.length < 64 * 1024) {
    parseCache.set(source, result);
    if (parseCache.size > parseCacheLimit) parseCache.delete(parseCache.keys().next().value!);
  }
  return result;
}

function placeWord(word: ShellWord, place: (at: number) => number): ShellWord {
  return { ...word, start: place(word.start), end: place(word.end) };
}

function placeCommand(command: ShellCommand, place: (at: number) => number): ShellCommand {
  return {
    ...command,
    nameWord: placeWord(command.nameWord, place),
    args: command.args.map((word) => placeWord(word, place)),
    start: place(command.start),
    end: place(command.end),
    pipeline: command.pipeline && { ...command.pipeline, start: place(command.pipeline.start), end: place(command.pipeline.end) },
  };
}

/**
 * Replaces line continuations and the comment lines Docker drops inside a
 * continued instruction with spaces, keeping every offset unchanged.
 */
export function blankContinuations(raw: string, escape: '\\' | '`'): string {
  const chars = raw.split('');
  let lineStart = 0;
  let first = true;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] !== '\n') continue;
    const lineEnd = i > 0 && raw[i - 1] === '\r' ? i - 1 : i;
    const line = raw.slice(lineStart, lineEnd);
    if (!first && /^\s*#/.test(line)) {
      for (let j = lineStart; j < lineEnd; j++) chars[j] = ' ';
    } else {
      const trimmedEnd = line.replace(/\s+$/, '').length + lineStart;
      if (trimmedEnd > lineStart && raw[trimmedEnd - 1] === escape && i < raw.length) chars[trimmedEnd - 1] = ' ';
    }
    if (i < raw.length) {
      chars[i] = ' ';
      if (lineEnd < i) chars[lineEnd] = ' ';
    }
    lineStart = i + 1;
    first = false;
  }
  return chars.join('');
}

function collectCommands(node: SyntaxNode, source: string, offset: number, out: ShellCommand[], pipeline: ShellCommand['pipeline']): void {
  // Iterative enough: unbash bounds nesting depth itself (MAX_SYNTAX_NESTING).
  if (node.type === 'Command') {
    const command = toCommand(node, offset, pipeline);
    if (command) out.push(command);
  }
  if (node.type === 'Pipeline' && node.commands.length > 1) {
    node.commands.forEach((child, index) => {
      collectCommands(child, source, offset, out, { index, length: node.commands.length, start: offset + node.pos, end: offset + node.end });
    });
    return;
  }
  forEachChild(node, (child) => collectCommands(child, source, offset, out, node.type === 'Command' ? pipeline : node.type === 'Pipeline' ? pipeline : isCompound(node) ? undefined : pipeline));
}

function isCompound(node: SyntaxNode): boolean {
  return node.type !== 'Command' && node.type !== 'Word';
}

function toWord(word: Word, offset: number): ShellWord {
  return { text: word.text, value: word.value, start: offset + word.pos, end: offset + word.end };
}

function toCommand(node: Command, offset: number, pipeline: ShellCommand['pipeline']): ShellCommand | undefined {
  if (!node.name) return undefined;
  const args: ShellWord[] = [];
  for (const arg of node.suffix) {
    if (arg.type === 'Word') args.push(toWord(arg, offset));
  }
  return {
    name: node.name.value,
    nameWord: toWord(node.name, offset),
    args,
    assignments: node.prefix.filter((p) => p.type === 'Assignment').map((p) => p.text),
    start: offset + node.pos,
    end: offset + node.end,
    pipeline,
  };
}

/** The command with `sudo`, `env`, `nice`, `time` and the like stripped: what actually runs. */
export function effectiveCommand(command: ShellCommand): { name: string; args: ShellWord[] } {
  let name = command.name;
  let args = command.args;
  for (let guard = 0; guard < 4 && (name === 'sudo' || name === 'env' || name === 'nice' || name === 'nohup' || name === 'time' || name === 'exec' || name === 'command'); guard++) {
    const next = args.findIndex((word) => !word.value.startsWith('-') && !(name === 'env' && word.value.includes('=')));
    if (next < 0) break;
    name = args[next]!.value;
    args = args.slice(next + 1);
  }
  return { name, args };
}
