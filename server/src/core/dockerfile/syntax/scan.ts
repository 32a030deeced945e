// A BuildKit-faithful reading of a Dockerfile's text for the syntax rules: parser
// directives, instruction lines (continuations joined, inner comments dropped), their
// flags and heredoc bodies. It does not rely on dockerfile-ast, whose reading differs
// from the builder's in corner cases (unknown directives, `cat<<EOF`, quoted flags).

import type { LineIndex, Range } from '../../text';
import type { DockerfileModel } from '../model';
import { type FlagSpec, instructionFlags } from './flags';
import { LogicalLine } from './logical-line';
import { blankWords, isSpace, leadingFlags, skipSpaces, trimEndOffset, unquote } from './words';

export interface Directive {
  /** Lower case: `syntax`, `escape` or `check`. */
  name: string;
  value: string;
  line: number;
  range: Range;
  valueRange: Range;
}

export type HeaderEnd = 'comment' | 'blank' | 'instruction' | 'unknown-directive' | 'eof';

export interface DirectiveScan {
  /** The first occurrence of each directive the builder honours. */
  directives: Directive[];
  /** Later occurrences of a directive: the builder refuses the file. */
  duplicates: { directive: Directive; first: Directive }[];
  /** Directives in the header that have no effect: `# escape=` after a `#!` line. */
  ignored: Directive[];
  escape: '\\' | '`';
  /** The first line after the directive header, and what it is. */
  end: { line: number; reason: HeaderEnd };
  /** The file starts with `#!`: the escape directive is not read, syntax and check still are. */
  shebang: boolean;
}

export interface Flag {
  /** Without the leading `--`. */
  name: string;
  /** Undefined when written without `=`. */
  value: string | undefined;
  start: number;
  end: number;
  nameEnd: number;
  /** Where the value starts in the logical text (after `=`). */
  valueStart: number | undefined;
  /** The value as written is the processed value (no quotes or escapes), so offsets inside it map 1:1. */
  plain: boolean;
}

/** An instruction keyword with its flags and arguments, on a logical line. */
export interface Command {
  keyword: string;
  upper: string;
  keywordStart: number;
  keywordEnd: number;
  flags: Flag[];
  /** The arguments after the flags, trimmed. */
  rest: string;
  restStart: number;
  restEnd: number;
}

export interface Heredoc {
  name: string;
  chomp: boolean;
  /** The `<<NAME` word. */
  start: number;
  end: number;
  terminated: boolean;
}

export interface Statement extends Command {
  line: LogicalLine;
  startLine: number;
  /** The last physical line of the instruction line itself. */
  lineEnd: number;
  /** The last physical line, heredoc bodies and terminators included. */
  endLine: number;
  /** For ONBUILD: the instruction it registers. */
  trigger: Command | undefined;
  heredocs: Heredoc[];
}

export interface FrontendSyntax {
  /** The image named by `# syntax=`. */
  image: string;
  /** docker/dockerfile or docker/dockerfile-upstream: the frontend these rules describe. */
  standard: boolean;
  /** The pinned X.Y, undefined for `1`, `latest`, `labs` and the like. */
  version: readonly [number, number] | undefined;
  labs: boolean;
}

export interface SyntaxInfo {
  lines: LineIndex;
  header: DirectiveScan;
  escape: string;
  statements: Statement[];
  /** Physical lines that are comments, outside heredoc bodies. */
  commentLines: number[];
  syntax: FrontendSyntax | undefined;
  /** False when `# syntax=` selects another frontend, whose language these rules do not know. */
  standardFrontend: boolean;
  /** What memo() computed from this scan, by key. */
  derived: Map<string, unknown>;
}

/** Computes something from the scan once per document version, for the rules that share it. */
export function memo<T>(info: SyntaxInfo, key: string, compute: (info: SyntaxInfo) => T): T {
  if (!info.derived.has(key)) info.derived.set(key, compute(info));
  return info.derived.get(key) as T;
}

export function syntaxOf(model: DockerfileModel): SyntaxInfo {
  return model.derived(scanModel);
}

function scanModel(model: DockerfileModel): SyntaxInfo {
  return scan(model.lines);
}

function lineText(lines: LineIndex, line: number): string {
  const text = lines.lineText(line);
  return line === 0 && text.startsWith('\ufeff') ? text.slice(1) : text;
}

function lineStart(lines: LineIndex, line: number): number {
  const start = lines.offsetAt({ line, character: 0 });
  return line === 0 && lines.text.startsWith('\ufeff') ? start + 1 : start;
}

function scan(lines: LineIndex): SyntaxInfo {
  const header = scanDirectives(lines);
  const escape = header.escape;
  const statements: Statement[] = [];
  const commentLines: number[] = [];
  const count = lines.lineCount;
  for (let i = 0; i < count; i++) {
    const raw = lineText(lines, i);
    const first = skipSpaces(raw, 0);
    if (first >= raw.length) continue;
    if (raw[first] === '#') {
      commentLines.push(i);
      continue;
    }
    const statement = readStatement(lines, i, first, escape, commentLines);
    if (statement) {
      statements.push(statement);
      i = statement.endLine;
    }
  }
  const syntaxDirective = header.directives.find((d) => d.name === 'syntax');
  const syntax = syntaxDirective ? frontendSyntax(syntaxDirective.value) : undefined;
  return { lines, header, escape, statements, commentLines, syntax, standardFrontend: syntax?.standard ?? true, derived: new Map() };
}

/** Reads one instruction line from its first physical line, then its heredoc bodies. */
function readStatement(lines: LineIndex, startLine: number, first: number, escape: string, commentLines: number[]): Statement | undefined {
  const pieces: { doc: number; text: string }[] = [];
  const firstText = lineText(lines, startLine).slice(first);
  let [content, continues] = continuation(firstText, escape);
  pieces.push({ doc: lineStart(lines, startLine) + first, text: content });
  let line = startLine;
  while (continues && line + 1 < lines.lineCount) {
    line++;
    const raw = lineText(lines, line);
    const nonBlank = skipSpaces(raw, 0);
    if (nonBlank >= raw.length) continue;
    if (raw[nonBlank] === '#') {
      commentLines.push(line);
      continue;
    }
    [content, continues] = continuation(raw, escape);
    pieces.push({ doc: lineStart(lines, line), text: content });
  }
  const logical = new LogicalLine(pieces, lines);
  const text = logical.text;
  const command = readCommand(text, skipSpaces(text, 0));
  if (!command) return undefined;
  let trigger: Command | undefined;
  if (command.upper === 'ONBUILD' && command.rest !== '') trigger = readCommand(text, command.restStart, command.restEnd);
  // Spelled out rather than `{ ...command, ... }`: V8's spread with extra
  // properties was most of the scan's time.
  const statement: Statement = {
    keyword: command.keyword,
    upper: command.upper,
    keywordStart: command.keywordStart,
    keywordEnd: command.keywordEnd,
    flags: command.flags,
    rest: command.rest,
    restStart: command.restStart,
    restEnd: command.restEnd,
    line: logical,
    startLine,
    lineEnd: line,
    endLine: line,
    trigger,
    heredocs: [],
  };
  const body = trigger ?? command;
  if ((body.upper === 'RUN' || body.upper === 'COPY' || body.upper === 'ADD') && !isJsonArray(body.rest)) {
    statement.heredocs = heredocsOf(text);
    let next = line + 1;
    for (const heredoc of statement.heredocs) {
      heredoc.terminated = false;
      for (; next < lines.lineCount; next++) {
        let candidate = lineText(lines, next);
        if (heredoc.chomp) candidate = candidate.replace(/^\t+/, '');
        if (candidate === heredoc.name) {
          heredoc.terminated = true;
          next++;
          break;
        }
      }
      if (!heredoc.terminated) break;
    }
    statement.endLine = Math.min(next, lines.lineCount) - 1;
  }
  return statement;
}

/** Strips a line continuation (the escape character, then only spaces or tabs) as the builder does. */
function continuation(line: string, escape: string): [string, boolean] {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return [line, false];
  // An escaped escape character is not a continuation (the builder's regex needs another character before it).
  if (end >= 2 && line[end - 2] === escape) return [line, false];
  return [line.slice(0, end - 1), true];
}

/** The keyword, flags and arguments of an instruction starting at `from`. */
export function readCommand(text: string, from: number, to = text.length): Command | undefined {
  const keywordStart = skipSpaces(text, from, to);
  let keywordEnd = keywordStart;
  while (keywordEnd < to && !isSpace(text[keywordEnd])) keywordEnd++;
  if (keywordEnd === keywordStart) return undefined;
  const keyword = text.slice(keywordStart, keywordEnd);
  const upper = keyword.toUpperCase();
  const slice = text.slice(0, to);
  const { flags: rawFlags, rest } = leadingFlags(slice, keywordEnd);
  const flags = rawFlags.map((raw): Flag => {
    const written = slice.slice(raw.start, raw.end);
    const eq = raw.processed.indexOf('=');
    const writtenEq = written.indexOf('=');
    const name = eq < 0 ? raw.processed.slice(2) : raw.processed.slice(2, eq);
    const value = eq < 0 ? undefined : raw.processed.slice(eq + 1);
    return {
      name,
      value,
      start: raw.start,
      end: raw.end,
      nameEnd: writtenEq < 0 ? raw.end : raw.start + writtenEq,
      valueStart: writtenEq < 0 ? undefined : raw.start + writtenEq + 1,
      plain: written === raw.processed,
    };
  });
  const restStart = skipSpaces(slice, rest);
  const restEnd = Math.max(restStart, trimEndOffset(slice, restStart));
  return { keyword, upper, keywordStart, keywordEnd, flags, rest: slice.slice(restStart, restEnd), restStart, restEnd };
}

export function isJsonArray(text: string): boolean {
  if (!text.startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The heredocs an instruction line opens: words like `<<EOF`, `<<-"EOF"` or `3<<EOF`, in order. */
function heredocsOf(text: string): Heredoc[] {
  const heredocs: Heredoc[] = [];
  if (!text.includes('<<')) return heredocs; // the common case, without reading every word
  let i = 0;
  while (i < text.length) {
    i = skipSpaces(text, i);
    if (i >= text.length) break;
    const start = i;
    let quote = '';
    for (; i < text.length; i++) {
      const ch = text[i];
      if (quote === '') {
        if (isSpace(ch)) break;
        if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '\\') i++;
      } else if (ch === quote) {
        quote = '';
      } else if (ch === '\\' && quote === '"') {
        i++;
      }
    }
    const end = Math.min(i, text.length);
    const heredoc = heredocWord(text, start, end);
    if (heredoc) heredocs.push(heredoc);
  }
  return heredocs;
}

/** Matches the builder's `^(\d*)<<(-?)\s*([^<]*)$` on one word. */
export function heredocWord(text: string, start: number, end: number): Heredoc | undefined {
  let i = start;
  while (i < end && text[i]! >= '0' && text[i]! <= '9') i++;
  if (text[i] !== '<' || text[i + 1] !== '<') return undefined;
  i += 2;
  const chomp = text[i] === '-';
  if (chomp) i++;
  i = skipSpaces(text, i, end);
  if (i >= end) return undefined;
  const rest = text.slice(i, end);
  if (rest.includes('<')) return undefined;
  const name = unquote(rest, 0, rest.length, '\\');
  if (name === '') return undefined;
  return { name, chomp, start, end, terminated: true };
}

/** The parser directives at the top of the file, read as BuildKit reads them. */
function scanDirectives(lines: LineIndex): DirectiveScan {
  const directives: Directive[] = [];
  const duplicates: DirectiveScan['duplicates'] = [];
  const ignored: Directive[] = [];
  let escape: '\\' | '`' = '\\';
  const shebang = lineText(lines, 0).startsWith('#!');
  let line = shebang ? 1 : 0;
  let reason: HeaderEnd = 'eof';
  for (; line < lines.lineCount; line++) {
    const parsed = parseDirectiveLine(lines, line);
    if (parsed === 'blank' || parsed === 'comment' || parsed === 'instruction') {
      reason = parsed;
      break;
    }
    if (!isKnownDirective(parsed.name)) {
      reason = 'unknown-directive';
      break;
    }
    const first = directives.find((d) => d.name === parsed.name);
    if (first) {
      duplicates.push({ directive: parsed, first });
      continue;
    }
    if (parsed.name === 'escape' && shebang) {
      // After `#!` the main parser reads no directive; only syntax and check are looked up past it.
      ignored.push(parsed);
      continue;
    }
    directives.push(parsed);
    if (parsed.name === 'escape' && (parsed.value === '`' || parsed.value === '\\')) escape = parsed.value;
  }
  return { directives, duplicates, ignored, escape, end: { line, reason }, shebang };
}

export function isKnownDirective(name: string): boolean {
  return name === 'syntax' || name === 'escape' || name === 'check';
}

const isDirectiveSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f' || c === '\r' || c === '\n';

/** Reads `# key = value` the way the builder's directive pattern does, without a regex. */
export function parseDirectiveLine(lines: LineIndex, line: number): Directive | 'blank' | 'comment' | 'instruction' {
  const raw = lineText(lines, line);
  const base = lineStart(lines, line);
  let i = skipSpaces(raw, 0);
  if (i >= raw.length) return 'blank';
  if (raw[i] !== '#') return 'instruction';
  const hash = i;
  i++;
  while (i < raw.length && isDirectiveSpace(raw[i])) i++;
  const nameStart = i;
  if (!/[a-zA-Z]/.test(raw[i] ?? '')) return 'comment';
  while (i < raw.length && /[a-zA-Z0-9]/.test(raw[i]!)) i++;
  const name = raw.slice(nameStart, i);
  while (i < raw.length && isDirectiveSpace(raw[i])) i++;
  if (raw[i] !== '=') return 'comment';
  i++;
  while (i < raw.length && isDirectiveSpace(raw[i])) i++;
  let end = raw.length;
  while (end > i && isDirectiveSpace(raw[end - 1])) end--;
  if (end <= i) return 'comment';
  return {
    name: name.toLowerCase(),
    value: raw.slice(i, end),
    line,
    range: lines.rangeOf(base + hash, base + end),
    valueRange: lines.rangeOf(base + i, base + end),
  };
}

/** What `# syntax=` selects. */
export function frontendSyntax(value: string): FrontendSyntax {
  const image = value.split(/[ \t]/, 1)[0] ?? '';
  let name = image;
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  for (const registry of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) {
    if (name.startsWith(registry)) name = name.slice(registry.length);
  }
  const standard = name === 'docker/dockerfile' || name === 'docker/dockerfile-upstream';
  const labs = tag?.includes('labs') ?? false;
  const pinned = tag && !tag.includes('experimental') ? /^(\d+)\.(\d+)/.exec(tag) : null;
  return { image, standard, version: pinned ? [Number(pinned[1]), Number(pinned[2])] : undefined, labs };
}

/** The flag's spec for an instruction, undefined when the instruction has no such flag. */
export function flagSpec(upper: string, name: string): FlagSpec | undefined {
  return Object.prototype.hasOwnProperty.call(instructionFlags[upper] ?? {}, name) ? instructionFlags[upper]?.[name] : undefined;
}

/** The stage names of the file in order, lower case (undefined for an unnamed stage). */
export function stageNames(info: SyntaxInfo): { statement: Statement; name: string | undefined }[] {
  return info.statements
    .filter((s) => s.upper === 'FROM')
    .map((statement) => {
      const words = blankWords(statement.line.text, statement.restStart, statement.restEnd);
      const name = words.length === 3 && words[1]?.text.toLowerCase() === 'as' ? words[2]?.text.toLowerCase() : undefined;
      return { statement, name };
    });
}
