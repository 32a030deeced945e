// Parsing a compose file again after an edit without parsing all of it.
//
// Typing changes one service at a time, and the `yaml` parser takes about
// 5 ms for a 700-line file, half of what an edit costs. When the edit lies
// inside one entry of a top-level block mapping (a service under `services:`,
// a network, a volume ...), only that entry's lines are parsed; the entries
// before it are reused as they are, the ones after it are copied with their
// offsets moved. Anything that could make the result differ from a full
// parse (errors, anchors and aliases, merge keys, flow style, several
// documents, an edit across entries) falls back to the full parse, and a
// property test compares the two on random edits of the corpus.
import { type Document, type DocumentOptions, isAlias, isMap, isNode, isPair, isScalar, isSeq, Pair, parseAllDocuments, type ParseOptions, Scalar, type SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';

/** What the last parse of the document gave: its text and its documents. */
export interface ParsedText {
  text: string;
  documents: readonly Document.Parsed[];
}

/** Entries longer than this are parsed with the whole file: copying the rest would not pay. */
const maxEntryShare = 0.5;

/**
 * The documents of `text`, parsed again only where it differs from
 * `previous`; undefined when the edit is not one this can take (then parse
 * the whole text). The result is what `parseAllDocuments(text, options)`
 * gives, nodes and offsets alike; reused nodes are shared with `previous`,
 * so neither may be mutated.
 */
export function reparse(previous: ParsedText, text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed[] | undefined {
  const old = previous.text;
  if (previous.documents.some((document) => document.errors.length > 0 || document.warnings.length > 0)) return undefined;
  // The same text (an edit undone, an empty change): the same documents, each with error lists of its own.
  if (old === text) return previous.documents.map((document) => withContents(document, document.contents, document.range));
  if (previous.documents.length !== 1) return undefined;
  const document = previous.documents[0]!;
  if (document.directives?.docStart) return undefined;
  const root = document.contents;
  if (!isMap(root) || root.flow || !root.range) return undefined;

  // The changed span: [start, oldEnd) in the old text is [start, newEnd) in the new.
  let start = 0;
  const shortest = Math.min(old.length, text.length);
  while (start < shortest && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shortest - start && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;

  // The top-level entry holding the change, and its entry (second level) holding it.
  const top = entryAround(old, root.items, start, oldEnd, root.range[2]);
  if (!top) return undefined;
  const section = top.pair.value;
  if (!isMap(section) || section.flow || !section.range || section.tag) return undefined;
  const entry = entryAround(old, section.items, start, oldEnd, top.to);
  // The entry must start on a line of its own, after the section's key line.
  if (!entry || entry.from <= lineStartOf(old, keyStart(top.pair) ?? 0)) return undefined;
  if (entry.to - entry.from > old.length * maxEntryShare) return undefined;
  // The document's end depends on how its last content ends: the file's last entry is not taken.
  if (entry.to >= old.length || (top.index === root.items.length - 1 && entry.index === section.items.length - 1)) return undefined;

  // The entry's lines in the new text, parsed alone: one block mapping of one pair, at the same column.
  const from = entry.from;
  const to = entry.to + delta;
  if (to <= from || (to < text.length && text.charCodeAt(to - 1) !== 10)) return undefined;
  const fragment = text.slice(from, to);
  // A comment after the entry's last content belongs to what follows in a full parse, not to the entry.
  if (lastContentLines(fragment).includes('#')) return undefined;
  const parsed = parseAllDocuments(fragment, options);
  if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
  const alone = parsed[0]!;
  if (alone.errors.length > 0 || alone.warnings.length > 0 || alone.directives?.docStart) return undefined;
  const map = alone.contents;
  if (!isMap(map) || map.flow || map.items.length !== 1 || map.tag) return undefined;
  const pair = map.items[0]!;
  // The key still first on the fragment's first line, at the same column.
  const column = keyStart(pair);
  if (column === undefined || column !== keyStart(entry.pair)! - from || fragment.lastIndexOf('\n', column) >= 0) return undefined;
  if (!plain(pair) || !isNode(pair.value) || !pair.value.range) return undefined;
  // A mapping's range ends with its last value; a trailing comment of its own would end it elsewhere.
  if (section.range[1] !== section.range[2] || root.range[1] !== root.range[2]) return undefined;

  // Reused before the entry, the new entry moved to its place, copies after it.
  shiftTree(pair, from);
  const items = section.items.map((item, index) => (index < entry.index ? item : index === entry.index ? pair : shiftedCopy(item, delta)));
  const sectionEnd = entry.index === section.items.length - 1 ? pair.value.range[2] : section.range[2] + delta;
  const newSection = sharedCollection(section, items, sectionEnd);
  const rootItems = root.items.map((item, index) => {
    if (index < top.index) return item;
    if (index > top.index) return shiftedCopy(item, delta);
    const copy = shallowCopy(item);
    copy.value = newSection as typeof item.value;
    return copy;
  });
  const rootEnd = top.index === root.items.length - 1 ? sectionEnd : root.range[2] + delta;
  const newRoot = sharedCollection(root, rootItems, rootEnd);
  return [withContents(document, newRoot as typeof document.contents, [document.range[0], rootEnd, document.range[2] + delta])];
}

/** A copy of a document with other contents and range, and empty error and warning lists of its own. */
function withContents(document: Document.Parsed, contents: Document.Parsed['contents'], range: Document.Parsed['range']): Document.Parsed {
  const result = shallowCopy(document);
  result.contents = contents;
  result.range = range;
  result.errors = [];
  result.warnings = [];
  return result;
}

interface Located {
  pair: Pair;
  index: number;
  /** The start of the entry's first line. */
  from: number;
  /** The start of the next entry's first line, or the end of the collection's text. */
  to: number;
}

/**
 * The entry of a block mapping whose lines strictly hold the changed span:
 * from the start of its key's line up to the start of the next key's line,
 * the change neither on the first line's indentation nor at the next key.
 */
function entryAround(text: string, items: readonly Pair[], start: number, end: number, collectionEnd: number): Located | undefined {
  for (let index = 0; index < items.length; index++) {
    const pair = items[index]!;
    const key = keyStart(pair);
    if (key === undefined) return undefined;
    const from = lineStartOf(text, key);
    // The key must begin its line, after indentation only.
    if (!/^[ ]*$/.test(text.slice(from, key))) return undefined;
    const next = items[index + 1];
    const nextKey = next ? keyStart(next) : undefined;
    if (next && nextKey === undefined) return undefined;
    const to = nextKey === undefined ? lineEndAfter(text, collectionEnd) : lineStartOf(text, nextKey);
    if (start < from) return undefined;
    if (end < to || (end === to && to < text.length)) {
      if (nextKey !== undefined && !/^[ ]*$/.test(text.slice(to, nextKey))) return undefined;
      return { pair, index, from, to };
    }
  }
  return undefined;
}

/** The fragment from its last non-blank line on (all of it when every line is blank). */
export function lastContentLines(fragment: string): string {
  const lines = fragment.split('\n');
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === '') last--;
  return lines.slice(last).join('\n');
}

/** Where a pair's key starts; undefined unless it is a scalar written out (`: x` has an empty one). */
function keyStart(pair: Pair): number | undefined {
  const key = pair.key;
  return isScalar(key) && key.range && key.range[1] > key.range[0] ? key.range[0] : undefined;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** The start of the line after `at` (or the text's end): a collection's range may end mid-line. */
function lineEndAfter(text: string, at: number): number {
  if (at > 0 && text.charCodeAt(at - 1) === 10) return at;
  const newline = text.indexOf('\n', at);
  return newline < 0 ? text.length : newline + 1;
}

/** No anchors, aliases, merge keys or flow collections spanning lines: nothing that reaches outside the entry. */
function plain(pair: Pair): boolean {
  const stack: unknown[] = [pair];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.value === '<<') return false;
      stack.push(node.key, node.value);
    } else if (isAlias(node) || (isNode(node) && node.anchor !== undefined)) {
      return false;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return true;
}

/** Adds `delta` to the offsets of every node under `value`, in place (only for nodes nobody else holds). */
function shiftTree(value: unknown, delta: number): void {
  if (delta === 0) return;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isNode(node)) {
      if (node.range) node.range = [node.range[0] + delta, node.range[1] + delta, node.range[2] + delta];
      if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
    }
  }
}

/** The same object with the same prototype and properties, the parser's hidden node-type mark included (as yaml's own clone does). */
function shallowCopy<T extends object>(value: T): T {
  return Object.defineProperties(Object.create(Object.getPrototypeOf(value) as object) as T, Object.getOwnPropertyDescriptors(value));
}

/** A deep copy of a pair with its offsets moved (yaml's own clone copies property descriptors: several times slower). */
function shiftedCopy(pair: Pair, delta: number): Pair {
  if (delta === 0) return pair;
  return new Pair(shiftedNode(pair.key, delta), shiftedNode(pair.value, delta));
}

function shiftedNode(node: unknown, delta: number): unknown {
  let copy: Scalar | YAMLMap | YAMLSeq;
  if (isScalar(node)) {
    copy = Object.assign(new Scalar(node.value), node);
  } else if (isMap(node)) {
    copy = Object.assign(new YAMLMap(node.schema), node);
    copy.items = node.items.map((item) => shiftedCopy(item, delta));
  } else if (isSeq(node)) {
    copy = Object.assign(new YAMLSeq(node.schema), node);
    copy.items = node.items.map((item) => (isPair(item) ? shiftedCopy(item, delta) : shiftedNode(item, delta)));
  } else {
    // An alias (allowed outside the edited entry), or anything else the parser makes: copied as yaml copies it.
    return isNode(node) ? shiftTreeOf(node.clone(), delta) : node;
  }
  if (node.range) copy.range = [node.range[0] + delta, node.range[1] + delta, node.range[2] + delta];
  return copy;
}

function shiftTreeOf<T>(node: T, delta: number): T {
  shiftTree(node, delta);
  return node;
}

/** A copy of a mapping with new items and a new end; its start is before the change. */
function sharedCollection(collection: YAMLMap, items: Pair[], end: number): YAMLMap {
  const copy = shallowCopy(collection);
  copy.items = items;
  if (collection.range) copy.range = [collection.range[0], end, end];
  return copy;
}

