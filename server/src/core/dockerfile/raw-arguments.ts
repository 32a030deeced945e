import * as ast from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';

/** The parts of vscode-languageserver-textdocument's document (dockerfile-ast's `document`) read here. */
interface TextDocumentInternals {
  getText(): string;
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
  /** The offset where each line starts, ascending; always has the first line's 0. */
  getLineOffsets(): number[];
}

/** The parts of a dockerfile-ast instruction that its getRawArguments() reads. */
interface InstructionInternals {
  document: TextDocumentInternals;
  escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

// Private in dockerfile-ast's typings, public at run time.
const instructionPrototype = ast.Instruction.prototype as unknown as { getRawArguments: (this: ast.Instruction) => ast.Argument[] };

/** dockerfile-ast's own getRawArguments(), as shipped; the equivalence test compares against it. */
export const libraryRawArguments = instructionPrototype.getRawArguments;

// Read once: the bundle reaches dockerfile-ast's exports through getters.
const { Argument } = ast;

let replaced = false;

/**
 * Every instruction's arguments come from dockerfile-ast's getRawArguments(),
 * which builds each argument's value one character at a time (`value + char`):
 * a string object per character of the file, the largest allocation of a whole
 * analysis. This is the same walk, with the same arguments, values and ranges,
 * that takes each value as slices of the text instead. Installed on the
 * prototype once, before the getters are memoized.
 */
export function replaceRawArguments(): void {
  if (replaced) return;
  replaced = true;
  instructionPrototype.getRawArguments = function (this: ast.Instruction) {
    return rawArguments(this as unknown as InstructionInternals);
  };
}

/** dockerfile-ast 0.7.1's Instruction.getRawArguments(), step for step, but for how values are built. */
export function rawArguments(instruction: InstructionInternals): ast.Argument[] {
  const { document, escapeChar } = instruction;
  const args: ast.Argument[] = [];
  const range = instruction.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const fullArgs = instruction.getTextContent().substring(extra);
  const offset = document.offsetAt(range.start) + extra;
  let start = false;
  let comment = false;
  let found = -1;
  // a space or tab that is part of an escaped newline sequence was found
  let escapedWhitespaceDetected = false;
  // inside an escaped newline sequence
  let escaping = false;
  let escapeMarker = -1;
  // The value so far: `value` followed by fullArgs[pieceStart, pieceEnd).
  let value = '';
  let pieceStart = 0;
  let pieceEnd = 0;
  const append = (from: number, to: number): void => {
    if (from !== pieceEnd) {
      value += fullArgs.substring(pieceStart, pieceEnd);
      pieceStart = from;
    }
    pieceEnd = to;
  };
  const positionAt = forwardPositions(document);
  // Compared as character codes; an escape character that is not one character never matches, as in the library.
  const escape = escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  const push = (end: number): void => {
    const text = value + fullArgs.substring(pieceStart, pieceEnd);
    args.push(new Argument(text, { start: positionAt(offset + found), end: positionAt(offset + end) }));
    value = '';
    pieceStart = pieceEnd = 0;
  };
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charCodeAt(i);
    if (char === space || char === tab || char === cr || char === lf) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === cr || char === lf) {
          // a newline: any whitespace seen before it does not count
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
      }
    } else if (char === escape) {
      // NaN past the end
      const next = fullArgs.charCodeAt(i + 1);
      if (next === space || next === tab) {
        for (let j = i + 2; j < fullArgs.length; j++) {
          const after = fullArgs.charCodeAt(j);
          if (after === space || after === tab) continue;
          if (after === cr || after === lf) {
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = after === cr ? j + 1 : j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
      } else if (next === cr) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === lf) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === dollar) {
          append(i, i + 2);
        } else if (i + 1 >= fullArgs.length) {
          // end of the text
          break;
        } else {
          append(i + 1, i + 2);
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === hash) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i, i + 1);
        if (found === -1) found = i;
      }
      // a character other than whitespace
      start = false;
    }
  }
  if (found !== -1) push(escapeMarker === -1 ? fullArgs.length : escapeMarker);
  return args;
}

const space = 32;
const tab = 9;
const cr = 13;
const lf = 10;
const dollar = 36;
const hash = 35;

/**
 * document.positionAt() for offsets met in increasing order, as the arguments'
 * starts and ends are: the line is found by moving on from the previous one,
 * not by a binary search over all lines of the file each time. An offset before
 * the previous line starts is searched for as usual.
 */
function forwardPositions(document: TextDocumentInternals): (offset: number) => Position {
  const text = document.getText();
  const lineOffsets = document.getLineOffsets();
  let line = -1;
  return (offset) => {
    const at = Math.max(Math.min(offset, text.length), 0);
    if (line < 0 || at < lineOffsets[line]!) {
      line = document.positionAt(at).line;
    } else {
      while (line + 1 < lineOffsets.length && lineOffsets[line + 1]! <= at) line++;
    }
    const lineStart = lineOffsets[line]!;
    // As positionAt: an offset just after a line break that is not the start of a line (inside CRLF) moves before it.
    let character = at;
    while (character > lineStart && isLineBreak(text.charCodeAt(character - 1))) character--;
    return { line, character: character - lineStart };
  };
}

function isLineBreak(code: number): boolean {
  return code === cr || code === lf;
}
