// Text edits that set a key in a compose file's YAML while leaving every other
// line, comment and anchor as written: a value is replaced in place, a new key
// is inserted after the mapping's last line at its indentation, a flow mapping
// gets `, key: value` before its brace.
import type { Node, Pair, YAMLMap } from 'yaml';
import type { TextEdit } from '../text';
import type { ComposeModel } from './model';
import { isMap, isScalar, keyString, nodeSpan } from './yaml-tree';

export function eolOf(model: ComposeModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

function column(model: ComposeModel, offset: number): number {
  return model.lines.positionAt(offset).character;
}

/** The offset just before the trailing blanks and line breaks that end at `end`. */
function contentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyString(pair.key) === key);
}

/** The indentation step of the file: a mapping's keys minus its parent key's column (2 when unknown). */
export function childStep(model: ComposeModel, parentKey: Node, map: YAMLMap): number {
  const parent = nodeSpan(parentKey);
  const first = nodeSpan(map.items[0]?.key);
  if (!parent || !first || map.flow) return 2;
  const step = column(model, first[0]) - column(model, parent[0]);
  return step > 0 ? step : 2;
}

/** A line at an indentation. */
export function indented(indent: number, text: string): string {
  return `${' '.repeat(indent)}${text}`;
}

/**
 * Sets `key: value` in a mapping: replaces a scalar value, or adds the key at
 * the end of the mapping. Undefined when the mapping is written in a way this
 * does not edit safely (the key's value is a collection or an alias).
 */
export function setKey(model: ComposeModel, map: YAMLMap, key: string, value: string): TextEdit | undefined {
  const text = model.text;
  const existing = pairOf(map, key);
  if (existing) {
    const span = nodeSpan(existing.value);
    if (!isScalar(existing.value) || !span) return undefined;
    return { range: model.lines.rangeOf(span[0], span[1]), newText: value };
  }
  const span = nodeSpan(map);
  if (!span) return undefined;
  if (map.flow) {
    const close = text.lastIndexOf('}', span[1]);
    if (close < span[0]) return undefined;
    const at = model.lines.positionAt(close);
    return { range: { start: at, end: at }, newText: `${map.items.length === 0 ? '' : ', '}${key}: ${value}` };
  }
  const first = nodeSpan(map.items[0]?.key);
  if (!first) return undefined;
  return insertAfter(model, span[1], `${' '.repeat(column(model, first[0]))}${key}: ${value}`);
}

/** Inserts whole lines after the line where the content ending at `end` ends. */
export function insertAfter(model: ComposeModel, end: number, lines: string): TextEdit {
  const eol = eolOf(model);
  const lastLine = model.lines.positionAt(Math.max(0, contentEnd(model.text, end) - 1)).line;
  const insertAt = model.lines.fullLineRange(lastLine).end;
  const atEof = insertAt.line === lastLine;
  return { range: { start: insertAt, end: insertAt }, newText: `${atEof ? eol : ''}${lines}${atEof ? '' : eol}` };
}

/** `build: ./dir` becomes a mapping with `context: ./dir` and the given entries, keeping the line's comment. */
export function expandShortBuild(model: ComposeModel, pair: Pair, step: number, entries: readonly [string, string][]): TextEdit | undefined {
  const key = nodeSpan(pair.key);
  const value = nodeSpan(pair.value);
  if (!key || !value || !isScalar(pair.value)) return undefined;
  const between = model.text.slice(key[1], value[0]);
  if (!/^[ \t]*:[ \t]*$/.test(between)) return undefined;
  const eol = eolOf(model);
  const indent = column(model, key[0]) + step;
  const context = model.text.slice(value[0], value[1]);
  const lines = [['context', context], ...entries].map(([k, v]) => indented(indent, `${k}: ${v}`));
  return { range: model.lines.rangeOf(key[1], value[1]), newText: `:${eol}${lines.join(eol)}` };
}

export function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.items.length > 0;
}
