import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileModel } from '../model';

export interface SourceWord {
  /** The word as the parser sees it: quotes kept, line continuations removed. */
  text: string;
  range: Range;
  /** Source offset of each character of `text`. */
  offsets: number[];
}

/**
 * The words of an instruction's arguments as BuildKit's parser splits them (its
 * parseWords): whitespace separates words except inside quotes or after the escape
 * character; line continuations and comment lines inside them are skipped.
 */
export function instructionWords(model: DockerfileModel, instruction: Instruction, escapeChar: string): SourceWord[] {
  const range = instruction.getArgumentsRange();
  if (!range) return [];
  const text = model.text;
  const end = model.lines.offsetAt(range.end);
  const words: SourceWord[] = [];
  let current: { text: string; offsets: number[] } | undefined;
  let quote = '';
  const finish = () => {
    if (current && current.offsets.length > 0) {
      const first = current.offsets[0] ?? 0;
      const last = current.offsets[current.offsets.length - 1] ?? first;
      words.push({ text: current.text, offsets: current.offsets, range: model.lines.rangeOf(first, last + 1) });
    }
    current = undefined;
  };
  const add = (offset: number) => {
    current ??= { text: '', offsets: [] };
    current.text += text.charAt(offset);
    current.offsets.push(offset);
  };
  for (let i = model.lines.offsetAt(range.start); i < end; i++) {
    const ch = text.charAt(i);
    if (ch === escapeChar) {
      const continuation = /^[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(i + 1, i + 1 + 256));
      if (continuation) {
        i += continuation[0].length;
        // Comment lines inside a continuation are dropped by the parser.
        for (let line = model.lines.positionAt(i + 1).line; i + 1 < end && /^\s*#/.test(model.lines.lineText(line)); line++) {
          i = model.lines.offsetAt({ line: line + 1, character: 0 }) - 1;
        }
        continue;
      }
    }
    if (quote) {
      add(i);
      if (ch === quote) quote = '';
      else if (ch === escapeChar && quote !== "'" && i + 1 < end) add(++i);
      continue;
    }
    if (/\s/.test(ch)) {
      finish();
      continue;
    }
    add(i);
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === escapeChar && i + 1 < end) add(++i);
  }
  finish();
  return words;
}

export interface KeyValueWord {
  name: string;
  nameRange: Range;
  /** The value as written (quotes kept), undefined without `=`. */
  rawValue: string | undefined;
}

/** `ARG a b=1 c`: each word declares one name, with an optional default. */
export function argWords(model: DockerfileModel, instruction: Instruction, escapeChar: string): KeyValueWord[] {
  return instructionWords(model, instruction, escapeChar).flatMap((word) => {
    const equals = word.text.indexOf('=');
    const name = equals < 0 ? word.text : word.text.slice(0, equals);
    if (name === '') return [];
    const first = word.offsets[0] ?? 0;
    const last = word.offsets[name.length - 1] ?? first;
    return [{ name, nameRange: model.lines.rangeOf(first, last + 1), rawValue: equals < 0 ? undefined : word.text.slice(equals + 1) }];
  });
}
