import type { Instruction } from 'dockerfile-ast';
import { type Command, forEachChild, parse, type ParsedScript, type SyntaxNode, type Word } from 'unbash';
import type { LineIndex, Range } from '../text';
import { type CommandPlace, type LeadingCd, outside, type ScriptStructure } from './practice/structure';

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
  /** Where each command sits, offsets relative to the script (read it through practice/structure.ts). */
  structure: ScriptStructure;
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
  // A heredoc starts with `<<`: without a `<`, skip dockerfile-ast's search for one. And `<<` with no name
  // (`<<\` ending the line is a continuation) is no heredoc to BuildKit, whatever dockerfile-ast says.
  const heredocs = raw.includes('<')
    ? ((instruction as Instruction & { getHeredocs?(): { getName(): string; getContentRange(): Range | null }[] }).getHeredocs?.() ?? []).filter((heredoc) => heredoc.getName() !== '')
    : [];
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
  const toSource = shellText.toSource;
  // A script without CRs is parsed straight into this document's offsets; one with CRs relative to its start, then placed.
  const parsed = parseCached(shellText.text, toSource ? 0 : offset);
  if (!parsed) return undefined;
  if (!toSource) {
    const commands = parsed.offset === offset ? parsed.commands : parsed.commands.map((command) => shiftCommand(command, offset - parsed.offset));
    return { instruction, offset, source, commands, hasErrors: parsed.hasErrors, structure: parsed.structure };
  }
  const relative = parsed.offset === 0 ? parsed.commands : parsed.commands.map((command) => shiftCommand(command, -parsed.offset));
  const commands = relative.map((command) => placeCommand(command, (at) => offset + toSource(at)));
  return { instruction, offset, source, commands, hasErrors: parsed.hasErrors, structure: placeStructure(parsed.structure, toSource) };
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

/** A script parsed once: its commands, and their places with offsets relative to the script. */
interface ParsedSource {
  /** The commands with `offset` added to their offsets in the script: where the script was first met. */
  commands: ShellCommand[];
  offset: number;
  hasErrors: boolean;
  structure: ScriptStructure;
}

/**
 * Parsed scripts by source text. Typing changes one RUN at a time, so the other
 * RUNs of the next version parse from here. Bounded, oldest entries dropped.
 */
const parseCache = new Map<string, ParsedSource | undefined>();
const parseCacheLimit = 4000;

/** The script's commands, placed at `offset` unless it was met before (then where it was first met). */
function parseCached(source: string, offset: number): ParsedSource | undefined {
  if (parseCache.has(source)) {
    const hit = parseCache.get(source);
    parseCache.delete(source);
    parseCache.set(source, hit);
    return hit;
  }
  let result: ParsedSource | undefined;
  try {
    const root = parse(source);
    result = root.type === 'Script' ? readScript(root, offset) : undefined;
  } catch {
    // unbash computes word parts lazily and recursively: absurd nesting can exhaust the stack.
    result = undefined;
  }
  if (source.length < 64 * 1024) {
    parseCache.set(source, result);
    if (parseCache.size > parseCacheLimit) parseCache.delete(parseCache.keys().next().value!);
  }
  return result;
}

/** Empties the cache, so the next analysis parses every script again (benchmarks measure cold analyses). */
export function clearShellParseCache(): void {
  parseCache.clear();
}

function shiftWord(word: ShellWord, offset: number): ShellWord {
  return { ...word, start: word.start + offset, end: word.end + offset };
}

function shiftCommand(command: ShellCommand, offset: number): ShellCommand {
  if (offset === 0) return command;
  return {
    ...command,
    nameWord: shiftWord(command.nameWord, offset),
    args: command.args.map((word) => shiftWord(word, offset)),
    start: command.start + offset,
    end: command.end + offset,
    pipeline: command.pipeline && { ...command.pipeline, start: command.pipeline.start + offset, end: command.pipeline.end + offset },
  };
}

function placeWord(word: ShellWord, place: (at: number) => number): ShellWord {
  return { ...word, start: place(word.start), end: place(word.end) };
}

/** A command parsed from a text without CRs, placed back in the document. */
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

/** The structure of a text without CRs, keyed by offsets in the script as written. */
function placeStructure(structure: ScriptStructure, toSource: (at: number) => number): ScriptStructure {
  const cd = structure.leadingCd;
  return {
    places: new Map([...structure.places].map(([at, place]) => [toSource(at), place])),
    topLevel: new Set([...structure.topLevel].map(toSource)),
    leadingCd: cd && { cdStart: toSource(cd.cdStart), cdEnd: toSource(cd.cdEnd), restStart: cd.restStart === undefined ? undefined : toSource(cd.restStart) },
  };
}

/**
 * Replaces line continuations and the comment lines Docker drops inside a
 * continued instruction with spaces, keeping every offset unchanged.
 */
export function blankContinuations(raw: string, escape: '\\' | '`'): string {
  // One pass over the lines, copying the untouched text between blanked spans as slices.
  let blanked = '';
  let copied = 0;
  const blank = (from: number, to: number): void => {
    blanked += raw.slice(copied, from) + ' '.repeat(to - from);
    copied = to;
  };
  let lineStart = 0;
  let first = true;
  for (;;) {
    const newline = raw.indexOf('\n', lineStart);
    const last = newline < 0;
    const i = last ? raw.length : newline;
    const lineEnd = i > 0 && raw.charCodeAt(i - 1) === 13 ? i - 1 : i;
    const line = raw.slice(lineStart, lineEnd);
    if (!first && /^\s*#/.test(line)) {
      blank(lineStart, lineEnd);
    } else {
      const trimmedEnd = line.trimEnd().length + lineStart;
      if (trimmedEnd > lineStart && raw[trimmedEnd - 1] === escape && !last) blank(trimmedEnd - 1, trimmedEnd);
    }
    if (last) break;
    blank(lineEnd, i + 1);
    lineStart = i + 1;
    first = false;
  }
  return blanked + raw.slice(copied);
}

/** A node waiting to be visited, with what its ancestors decide about the commands inside it. */
interface Pending {
  node: SyntaxNode;
  place: CommandPlace;
  /** A direct child of the top-level statement list or of its and-or lists. */
  top: boolean;
  /** The pipeline a command here is one stage of (only across Command, Pipeline and Word nodes). */
  pipeline: ShellCommand['pipeline'];
}

/**
 * Walks the tree once, in source order, for both the commands and where each
 * sits. An explicit stack, not recursion: scripts can nest deeply
 * (`$($($(...)))`). Words without a substitution are not descended into: they
 * hold no command, and their parts are computed lazily, which is costly.
 */
function readScript(root: ParsedScript, offset: number): ParsedSource {
  const commands: ShellCommand[] = [];
  const places = new Map<number, CommandPlace>();
  const topLevel = new Set<number>();
  const stack: Pending[] = [];
  const pushChildren = (node: SyntaxNode, place: CommandPlace, top: boolean, pipeline: ShellCommand['pipeline']) => {
    // Pushed in order, then reversed in place, so they pop in source order.
    let low = stack.length;
    forEachChild(node, (child) => {
      if (child.type !== 'Word' || mayHoldCommand(child)) stack.push({ node: child, place, top, pipeline });
    });
    for (let high = stack.length - 1; low < high; low++, high--) {
      const swap = stack[low]!;
      stack[low] = stack[high]!;
      stack[high] = swap;
    }
  };
  for (let i = root.commands.length - 1; i >= 0; i--) stack.push({ node: root.commands[i]!, place: outside, top: true, pipeline: undefined });
  while (stack.length > 0) {
    const { node, place, top, pipeline } = stack.pop()!;
    switch (node.type) {
      case 'Command':
        if (node.name) {
          commands.push(toCommand(node, pipeline, offset));
          places.set(node.pos, place);
          if (top) topLevel.add(node.pos);
        }
        pushChildren(node, place, false, pipeline);
        break;
      case 'CommandExpansion':
      case 'ProcessSubstitution':
      case 'ArithmeticCommandExpansion':
        pushChildren(node, { ...place, inSubstitution: true }, false, undefined);
        break;
      case 'Subshell':
        pushChildren(node, { ...place, inSubshell: true }, false, undefined);
        break;
      case 'If':
      case 'For':
      case 'ArithmeticFor':
      case 'Select':
      case 'While':
      case 'Case':
      case 'BraceGroup':
      case 'Function':
      case 'Coproc':
        pushChildren(node, { ...place, inCompound: true }, false, undefined);
        break;
      case 'AndOr': {
        // A command runs only after a failure once any `||` precedes it.
        const afterOr: boolean[] = [];
        let seenOr = false;
        for (const operator of node.operators) afterOr.push((seenOr ||= operator === '||'));
        for (let index = node.commands.length - 1; index >= 0; index--) {
          const child = node.commands[index]!;
          stack.push({ node: child, place: index > 0 && afterOr[index - 1] ? { ...place, afterOr: true } : place, top, pipeline: undefined });
        }
        break;
      }
      case 'Pipeline': {
        const length = node.commands.length;
        for (let index = length - 1; index >= 0; index--) {
          const stage = length > 1 ? { index, length, start: node.pos, end: node.end } : pipeline;
          stack.push({ node: node.commands[index]!, place, top: false, pipeline: stage });
        }
        break;
      }
      case 'Statement':
      case 'CompoundList':
        pushChildren(node, place, top, undefined);
        break;
      case 'Word':
        pushChildren(node, place, false, pipeline);
        break;
      default:
        pushChildren(node, place, false, undefined);
    }
  }
  return { commands, offset, hasErrors: (root.errors?.length ?? 0) > 0, structure: { places, leadingCd: leadingCd(root), topLevel } };
}

/** A word holds a command only inside a substitution: `$(...)`, backquotes, `<(...)` or `>(...)`. */
function mayHoldCommand(word: Word): boolean {
  return /\$\(|`|[<>]\(/.test(word.text);
}

function leadingCd(root: ParsedScript): LeadingCd | undefined {
  const [first, second] = root.commands;
  if (!first || first.background) return undefined;
  const command = first.command;
  if (command.type === 'Command') {
    if (command.name?.value !== 'cd') return undefined;
    return { cdStart: command.pos, cdEnd: command.end, restStart: second ? second.pos : undefined };
  }
  if (command.type === 'AndOr' && command.operators[0] === '&&') {
    const [cd, next] = command.commands;
    if (cd?.type !== 'Command' || cd.name?.value !== 'cd' || !next) return undefined;
    return { cdStart: cd.pos, cdEnd: cd.end, restStart: next.pos };
  }
  return undefined;
}

function toWord(word: Word, offset: number): ShellWord {
  return { text: word.text, value: word.value, start: word.pos + offset, end: word.end + offset };
}

function toCommand(node: Command, pipeline: ShellCommand['pipeline'], offset: number): ShellCommand {
  const args: ShellWord[] = [];
  for (const arg of node.suffix) {
    if (arg.type === 'Word') args.push(toWord(arg, offset));
  }
  const nameWord = toWord(node.name!, offset);
  return {
    name: nameWord.value,
    nameWord,
    args,
    assignments: node.prefix.filter((p) => p.type === 'Assignment').map((p) => p.text),
    start: node.pos + offset,
    end: node.end + offset,
    pipeline: pipeline && { ...pipeline, start: pipeline.start + offset, end: pipeline.end + offset },
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
