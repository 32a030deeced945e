// Formatting: keyword case, one space after keywords, continuation indentation,
// trailing blanks. Only whitespace outside quotes changes, and only where the
// builder's reading of the instruction stays the same; heredoc bodies are never
// touched. One pass over the lines; each changed line gives one minimal edit.
import type { DockerfileContext } from '../feature-context';
import type { FormattingOptions } from '../features';
import type { LineIndex, Position, Range, TextEdit } from '../text';
import { isInstruction } from './syntax/flags';
import { type Command, isJsonArray, type Statement, syntaxOf } from './syntax/scan';
import { blankWords, skipSpaces } from './syntax/words';

/** One physical line of an instruction, read as the builder reads it. */
export interface LexedLine {
  line: number;
  /** Comment and blank lines inside a continued instruction are dropped by the builder. */
  kind: 'code' | 'comment' | 'blank';
  /** The physical line, without a byte-order mark. */
  text: string;
  /** Offset of `text` in the document's line: 1 after a byte-order mark. */
  shift: number;
  /** Length of the leading spaces and tabs. */
  leadEnd: number;
  /** End of the content: before trailing blanks, and on a continued line before the escape and the blanks in front of it. */
  bodyEnd: number;
  /** Offset of the continuation escape character, -1 when the line does not continue. */
  escapeAt: number;
  /** The quote open where the line starts and where its content ends ('' for none). */
  quoteAtStart: string;
  quoteAtEnd: string;
  /** Quoted spans [start, end) on this line, quotes included. */
  strings: [number, number][];
  /** Where a shell comment starts on this line, -1 for none. */
  shellComment: number;
  /** The line is inside a shell comment that started on an earlier line. */
  inShellComment: boolean;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * False when the model is not of the document's text: a document over the size
 * limits is analysed as an empty file, and features then answer nothing rather
 * than positions in another text.
 */
export function modelDescribes({ analysis, document }: DockerfileContext): boolean {
  return analysis.model.text.length === document.text.length;
}

/** The physical line without a byte-order mark, and how much was cut. */
export function physicalLine(lines: LineIndex, line: number): { text: string; shift: number } {
  const text = lines.lineText(line);
  return line === 0 && text.startsWith('\ufeff') ? { text: text.slice(1), shift: 1 } : { text, shift: 0 };
}

function leadingBlanks(text: string): number {
  let i = 0;
  while (i < text.length && isBlank(text[i])) i++;
  return i;
}

function trailingBlanksStart(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isBlank(text[i - 1])) i--;
  return i;
}

/**
 * Lexes the instruction lines of a statement (its first line to the last continued
 * line, heredoc bodies excluded): where each line's content ends, its continuation,
 * and the quotes open across lines, in one pass.
 */
export function lexStatement(lines: LineIndex, statement: Statement, escape: string): LexedLine[] {
  const body: Command = statement.trigger ?? statement;
  const json = isJsonArray(body.rest);
  const stringEscape = json ? '\\' : escape;
  const shellComments = !json && (body.upper === 'RUN' || body.upper === 'CMD' || body.upper === 'ENTRYPOINT');
  const out: LexedLine[] = [];
  let quote = '';
  let inComment = false;
  for (let line = statement.startLine; line <= statement.lineEnd && line < lines.lineCount; line++) {
    const { text, shift } = physicalLine(lines, line);
    const leadEnd = leadingBlanks(text);
    const firstNonSpace = skipSpaces(text, 0);
    const entry: LexedLine = { line, kind: 'code', text, shift, leadEnd, bodyEnd: leadEnd, escapeAt: -1, quoteAtStart: quote, quoteAtEnd: quote, strings: [], shellComment: -1, inShellComment: inComment };
    out.push(entry);
    if (line > statement.startLine && firstNonSpace >= text.length) {
      entry.kind = 'blank';
      continue;
    }
    if (line > statement.startLine && text[firstNonSpace] === '#') {
      entry.kind = 'comment';
      entry.bodyEnd = trailingBlanksStart(text, leadEnd, text.length);
      continue;
    }
    const trimmed = trailingBlanksStart(text, 0, text.length);
    const continued = trimmed > 0 && text[trimmed - 1] === escape && !(trimmed >= 2 && text[trimmed - 2] === escape);
    const contentEnd = continued ? trimmed - 1 : trimmed;
    entry.escapeAt = continued ? trimmed - 1 : -1;
    entry.bodyEnd = Math.max(leadEnd, trailingBlanksStart(text, 0, contentEnd));
    const strings = entry.strings;
    let stringStart = quote === '' ? -1 : 0;
    for (let i = 0; i < contentEnd && !inComment; i++) {
      const ch = text[i];
      if (quote === '') {
        if (ch === escape) {
          i++;
        } else if (ch === '"' || (ch === "'" && !json)) {
          quote = ch;
          stringStart = i;
        } else if (ch === '#' && shellComments && i > 0 && isBlank(text[i - 1])) {
          inComment = true;
          entry.shellComment = i;
        }
      } else if (quote === "'") {
        if (ch === "'") {
          strings.push([stringStart, i + 1]);
          quote = '';
        }
      } else if (ch === stringEscape) {
        i++;
      } else if (ch === '"') {
        strings.push([stringStart, i + 1]);
        quote = '';
      }
    }
    if (quote !== '' && !inComment) strings.push([stringStart, Math.min(contentEnd, text.length)]);
    entry.quoteAtEnd = inComment ? '' : quote;
    if (!continued) break;
  }
  return out;
}

interface Layout {
  upper: boolean;
  indent: string;
}

function layoutOf(options: FormattingOptions): Layout {
  const width = Math.max(0, Math.min(16, Math.floor(options.continuationIndent ?? 4)));
  return { upper: options.uppercaseKeywords ?? true, indent: ' '.repeat(Number.isFinite(width) ? width : 4) };
}

/** Formats the document, or the lines a range touches. */
export function format(context: DockerfileContext, options: FormattingOptions, range: Range | undefined): TextEdit[] {
  if (!modelDescribes(context)) return [];
  const model = context.analysis.model;
  const lines = model.lines;
  const info = syntaxOf(model);
  const layout = layoutOf(options);
  const first = range ? Math.max(0, range.start.line) : 0;
  const last = range ? (range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line) : lines.lineCount - 1;
  const edits: TextEdit[] = [];
  const emit = (line: number, shift: number, oldText: string, newText: string): void => {
    if (line < first || line > last || oldText === newText) return;
    let start = 0;
    while (start < oldText.length && start < newText.length && oldText[start] === newText[start]) start++;
    let oldEnd = oldText.length;
    let newEnd = newText.length;
    while (oldEnd > start && newEnd > start && oldText[oldEnd - 1] === newText[newEnd - 1]) {
      oldEnd--;
      newEnd--;
    }
    edits.push({ range: { start: { line, character: shift + start }, end: { line, character: shift + oldEnd } }, newText: newText.slice(start, newEnd) });
  };
  const loose = (line: number): void => {
    const { text, shift } = physicalLine(lines, line);
    const lead = leadingBlanks(text);
    if (lead === text.length) emit(line, shift, text, '');
    else if (text[lead] === '#') emit(line, shift, text, text.slice(lead, trailingBlanksStart(text, lead, text.length)));
  };
  let next = 0;
  for (const statement of info.statements) {
    if (statement.startLine > last) break;
    if (statement.endLine < first) {
      next = statement.endLine + 1;
      continue;
    }
    for (let line = Math.max(next, first); line < statement.startLine; line++) loose(line);
    formatStatement(lines, statement, info.escape, layout, emit);
    next = statement.endLine + 1;
  }
  for (let line = Math.max(next, first); line <= last && line < lines.lineCount; line++) loose(line);
  return edits;
}

/** The words whose case the formatter sets: keywords, a FROM's AS, HEALTHCHECK's CMD or NONE. */
function caseFixes(lines: LineIndex, statement: Statement): { position: Position; from: string; to: string }[] {
  const fixes: { position: Position; from: string; to: string }[] = [];
  const text = statement.line.text;
  const add = (start: number, end: number, to: string): void => {
    const from = text.slice(start, end);
    if (from === to || end <= start) return;
    const range = statement.line.range(start, end);
    if (range.start.line !== range.end.line || range.end.character - range.start.character !== end - start) return;
    if (lines.lineText(range.start.line).slice(range.start.character, range.end.character) !== from) return;
    fixes.push({ position: range.start, from, to });
  };
  const command = (c: Command): void => {
    if (!isInstruction(c.upper)) return;
    add(c.keywordStart, c.keywordEnd, c.upper);
    if (c.upper === 'FROM') {
      const words = blankWords(text, c.restStart, c.restEnd);
      if (words.length === 3 && words[1]!.text.toLowerCase() === 'as') add(words[1]!.start, words[1]!.end, 'AS');
    } else if (c.upper === 'HEALTHCHECK') {
      const word = blankWords(text, c.restStart, c.restEnd)[0];
      if (word && /^(?:cmd|none)$/i.test(word.text)) add(word.start, word.end, word.text.toUpperCase());
    }
  };
  command(statement);
  if (statement.trigger) command(statement.trigger);
  return fixes;
}

function formatStatement(
  lines: LineIndex,
  statement: Statement,
  escape: string,
  layout: Layout,
  emit: (line: number, shift: number, oldText: string, newText: string) => void,
): void {
  const lexed = lexStatement(lines, statement, escape);
  if (lexed.length === 0) return;
  const texts = lexed.map((l) => l.text);
  if (layout.upper) {
    for (const fix of caseFixes(lines, statement)) {
      const index = fix.position.line - statement.startLine;
      const entry = lexed[index];
      if (!entry) continue;
      const at = fix.position.character - entry.shift;
      const current = texts[index]!;
      if (current.slice(at, at + fix.from.length) === fix.from) texts[index] = current.slice(0, at) + fix.to + current.slice(at + fix.to.length);
    }
  }
  // Whether the blanks at each continuation are only separators (then normalized) or part of a word or string.
  const separates = new Array<boolean>(lexed.length).fill(false);
  const indentThis = new Array<boolean>(lexed.length).fill(false);
  let previous = -1;
  lexed.forEach((entry, index) => {
    if (entry.kind !== 'code') return;
    if (previous >= 0) {
      const a = lexed[previous]!;
      const gap = a.escapeAt - a.bodyEnd;
      const joined = a.quoteAtEnd !== '' || (gap === 0 && entry.leadEnd === 0);
      separates[previous] = !joined;
      indentThis[index] = !joined;
    }
    previous = entry.escapeAt >= 0 ? index : -1;
  });
  if (previous >= 0) separates[previous] = lexed[previous]!.quoteAtEnd === '' && lexed[previous]!.escapeAt > lexed[previous]!.bodyEnd;

  lexed.forEach((entry, index) => {
    const text = texts[index]!;
    let result: string;
    if (entry.kind === 'blank') {
      result = entry.leadEnd === text.length ? '' : text;
    } else if (entry.kind === 'comment') {
      result = layout.indent + text.slice(entry.leadEnd, entry.bodyEnd);
    } else {
      const isFirst = entry.line === statement.startLine;
      const lead = isFirst ? '' : indentThis[index] ? layout.indent : text.slice(0, entry.leadEnd);
      let body = text.slice(entry.leadEnd, entry.bodyEnd);
      if (isFirst) body = spaceAfterKeywords(body, keywordWords(statement));
      let tail: string;
      if (entry.escapeAt >= 0) tail = (separates[index] ? (body === '' ? '' : ' ') : text.slice(entry.bodyEnd, entry.escapeAt)) + text[entry.escapeAt]!;
      else tail = entry.quoteAtEnd !== '' ? text.slice(entry.bodyEnd) : '';
      result = lead + body + tail;
    }
    emit(entry.line, entry.shift, lexed[index]!.text, result);
  });
}

/** How many leading words are keywords (`RUN`, or `ONBUILD RUN`) whose following blanks are plain separators. */
function keywordWords(statement: Statement): number {
  if (!isInstruction(statement.upper)) return 0;
  return statement.trigger && isInstruction(statement.trigger.upper) ? 2 : 1;
}

/** Collapses the blanks after the first `count` words of an instruction line to one space. */
function spaceAfterKeywords(body: string, count: number): string {
  let result = body;
  let i = 0;
  for (let word = 0; word < count; word++) {
    while (i < result.length && !isBlank(result[i])) {
      // A keyword is letters only: anything else means the word is not what the scan read as the keyword.
      if (!/[A-Za-z]/.test(result[i]!)) return result;
      i++;
    }
    let j = i;
    while (j < result.length && isBlank(result[j])) j++;
    if (j === i || j >= result.length) return result;
    result = `${result.slice(0, i)} ${result.slice(j)}`;
    i++;
  }
  return result;
}

/** After a newline inside a continued instruction, indents the new line. */
export function formatOnType(context: DockerfileContext, position: Position, character: string, options: FormattingOptions): TextEdit[] {
  if (character !== '\n' || !modelDescribes(context)) return [];
  const model = context.analysis.model;
  const line = position.line;
  if (line <= 0 || line >= model.lines.lineCount) return [];
  const statements = syntaxOf(model).statements;
  let low = 0;
  let high = statements.length - 1;
  let found: Statement | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = statements[mid]!;
    if (candidate.startLine < line) {
      found = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (!found || line > found.lineEnd) return [];
  const lexed = lexStatement(model.lines, found, syntaxOf(model).escape);
  const entry = lexed[line - found.startLine];
  if (!entry || entry.quoteAtStart !== '') return [];
  const indent = layoutOf(options).indent;
  if (entry.text.slice(0, entry.leadEnd) === indent) return [];
  return [{ range: { start: { line, character: entry.shift }, end: { line, character: entry.shift + entry.leadEnd } }, newText: indent }];
}
