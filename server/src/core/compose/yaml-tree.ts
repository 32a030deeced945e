import * as yaml from 'yaml';
import type { Alias, Document, Node, Pair, Scalar, YAMLMap } from 'yaml';

// Bound once: a bundle reaches a CommonJS package's exports through a getter, which
// would run on each of the many checks a compose file needs.
export const isAlias: typeof yaml.isAlias = yaml.isAlias;
export const isMap: typeof yaml.isMap = yaml.isMap;
export const isPair: typeof yaml.isPair = yaml.isPair;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;

/**
 * Anchors, aliases and merge keys of one parsed file, resolved once and never
 * expanded: every walk here is iterative, so neither deep nesting nor an alias
 * bomb can overflow the stack or allocate the expansion.
 */

/** Above this many nodes after expanding every alias, a file is treated as an alias bomb. */
export const maxExpandedNodes = 250_000;

export interface AliasExpansion {
  /** The alias whose expansion is largest. */
  alias: Alias;
  /** Nodes after expanding every alias of the file; Infinity for a cycle. */
  expandedSize: number;
}

export class AnchorIndex {
  private readonly targets = new Map<Alias, Node>();
  private readonly entriesCache = new WeakMap<YAMLMap, ReadonlyMap<string, MapEntry>>();
  readonly aliasCount: number;
  readonly nodeCount: number;
  /** Set when expanding the aliases would exceed `maxExpandedNodes` (or loops). */
  readonly excessive: AliasExpansion | undefined;

  constructor(documents: readonly Document.Parsed[]) {
    const anchors = new Map<string, Node>();
    let aliasCount = 0;
    let nodeCount = 0;
    for (const document of documents) {
      // Pre-order walk with an explicit stack; anchors are registered on entry, as YAML defines them.
      const stack: unknown[] = [document.contents];
      while (stack.length > 0) {
        const node = stack.pop();
        if (node === null || node === undefined) continue;
        nodeCount++;
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor) anchors.set(anchor, node as Node);
        if (isAlias(node)) {
          aliasCount++;
          const target = anchors.get(node.source);
          if (target) this.targets.set(node, target);
        } else if (isMap(node)) {
          for (let i = node.items.length - 1; i >= 0; i--) {
            const pair = node.items[i]!;
            stack.push(pair.value, pair.key);
          }
        } else if (isSeq(node)) {
          for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
        }
      }
    }
    this.aliasCount = aliasCount;
    this.nodeCount = nodeCount;
    // Without aliases nothing expands: most files skip the sizing walk.
    this.excessive = aliasCount > 0 ? this.expansion(documents) : undefined;
  }

  /** The alias whose expansion is largest, when expanding them all would exceed `maxExpandedNodes`. */
  private expansion(documents: readonly Document.Parsed[]): AliasExpansion | undefined {
    const sizes = new Map<unknown, number>();
    let total = 0;
    let largest: { alias: Alias; size: number } | undefined;
    for (const document of documents) {
      // Post-order walk with an explicit stack: a node's size once its children's are known.
      const stack: { node: unknown; entered: boolean }[] = [{ node: document.contents, entered: false }];
      while (stack.length > 0) {
        const frame = stack[stack.length - 1]!;
        const node = frame.node;
        if (!frame.entered) {
          frame.entered = true;
          if (node === null || node === undefined) continue;
          if (isMap(node)) {
            for (let i = node.items.length - 1; i >= 0; i--) {
              const pair = node.items[i]!;
              stack.push({ node: pair.value, entered: false }, { node: pair.key, entered: false });
            }
          } else if (isSeq(node)) {
            for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], entered: false });
          }
          continue;
        }
        stack.pop();
        if (node === null || node === undefined) continue;
        let size = 1;
        if (isAlias(node)) {
          const target = this.targets.get(node);
          // A target that is not finished yet contains this alias: a cycle.
          size = target === undefined ? 1 : (sizes.get(target) ?? Number.POSITIVE_INFINITY);
          if (!largest || size > largest.size) largest = { alias: node, size };
        } else if (isMap(node)) {
          for (const pair of node.items) size += (sizes.get(pair.key) ?? 0) + (sizes.get(pair.value) ?? 0);
        } else if (isSeq(node)) {
          for (const item of node.items) size += sizes.get(item) ?? 0;
        }
        sizes.set(node, size);
      }
      total += sizes.get(document.contents) ?? 0;
    }
    return largest && total > maxExpandedNodes ? { alias: largest.alias, expandedSize: total } : undefined;
  }

  /** The node an alias stands for (the node itself otherwise); undefined for an unknown anchor. */
  resolve(node: unknown): Node | undefined {
    if (node === null || node === undefined) return undefined;
    if (isAlias(node)) return this.targets.get(node);
    return node as Node;
  }

  /**
   * The effective entries of a mapping: its own keys, then keys brought in by
   * merge keys (`<<: *a`, `<<: [*a, *b]`) that it does not set itself; earlier
   * merge sources win over later ones, as in YAML 1.1.
   */
  entries(map: YAMLMap): ReadonlyMap<string, MapEntry> {
    const cached = this.entriesCache.get(map);
    if (cached) return cached;
    const result = new Map<string, MapEntry>();
    const visited = new Set<YAMLMap>();
    // Breadth-first over merge sources keeps "own keys first, then sources in order" without recursion.
    const queue: { map: YAMLMap; inherited: boolean }[] = [{ map, inherited: false }];
    for (let q = 0; q < queue.length && q < 256; q++) {
      const { map: current, inherited } = queue[q]!;
      if (visited.has(current)) continue;
      visited.add(current);
      const sources: YAMLMap[] = [];
      for (const pair of current.items) {
        if (isMergePair(pair)) {
          const value = this.resolve(pair.value);
          if (isMap(value)) sources.push(value);
          else if (isSeq(value)) {
            for (const item of value.items) {
              const source = this.resolve(item);
              if (isMap(source)) sources.push(source);
            }
          }
          continue;
        }
        const key = keyString(pair.key);
        if (key === undefined || result.has(key)) continue;
        const raw = pair.value as Node | null;
        result.set(key, {
          key,
          keyNode: pair.key as Node,
          pair,
          raw,
          value: this.resolve(raw),
          inherited,
          reset: hasTag(raw, '!reset'),
        });
      }
      for (const source of sources) queue.push({ map: source, inherited: true });
    }
    this.entriesCache.set(map, result);
    return result;
  }

  /** The effective value of `key` in a mapping (merge keys applied, aliases resolved, `!reset` honoured). */
  get(map: unknown, key: string): MapEntry | undefined {
    const resolved = this.resolve(map);
    if (!isMap(resolved)) return undefined;
    const entry = this.entries(resolved).get(key);
    return entry && !entry.reset ? entry : undefined;
  }

  /** Items of a sequence, aliases resolved. */
  items(seq: unknown): Node[] {
    const resolved = this.resolve(seq);
    if (!isSeq(resolved)) return [];
    const out: Node[] = [];
    for (const item of resolved.items) {
      const node = this.resolve(item);
      if (node) out.push(node);
    }
    return out;
  }
}

export interface MapEntry {
  key: string;
  keyNode: Node;
  pair: Pair;
  /** The value as written (possibly an alias). */
  raw: Node | null;
  /** The value with aliases resolved; undefined for an empty value. */
  value: Node | undefined;
  /** True when the entry comes from a merge key rather than the mapping itself. */
  inherited: boolean;
  /** True for `key: !reset ...`, which removes the key. */
  reset: boolean;
}

export function isMergePair(pair: Pair): boolean {
  const key = pair.key;
  if (!isScalar(key)) return false;
  const value = key.value;
  return (typeof value === 'symbol' && value.description === '<<') || (value === '<<' && (key.type === undefined || key.type === 'PLAIN'));
}

export function keyString(key: unknown): string | undefined {
  if (isScalar(key)) {
    const value = key.value;
    if (value === null || value === undefined) return key.source ?? '';
    if (typeof value === 'symbol') return value.description;
    return typeof value === 'string' ? value : (key.source ?? stringOf(value));
  }
  return undefined;
}

export function hasTag(node: unknown, tag: string): boolean {
  return node !== null && typeof node === 'object' && (node as { tag?: string }).tag === tag;
}

/**
 * A scalar's text as Compose reads it: strings as is, numbers and booleans as
 * written (`8000`, `0440`), undefined for null, collections and aliases.
 */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'symbol') return value.description;
  return node.source ?? stringOf(value);
}

/** Numbers, booleans and dates made in memory, which have no source text. */
function stringOf(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value instanceof Date ? value.toISOString() : '';
}

export function isPlainScalar(node: unknown): node is Scalar {
  return isScalar(node) && node.type === 'PLAIN';
}

/** Offsets of a node's value in the source text; undefined for nodes made in memory. */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * The source span of `[start, end)` of a scalar's value, when the scalar is
 * written so that its value maps one to one onto the source (plain, or quoted
 * without escapes). Otherwise the whole scalar.
 */
export function subSpan(node: Scalar, text: string, start: number, end: number): [number, number] | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  const value = scalarText(node);
  if (value === undefined) return span;
  const source = text.slice(span[0], span[1]);
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  if (source.length - 2 * quote === value.length && source.slice(quote, source.length - quote) === value) {
    return [span[0] + quote + start, span[0] + quote + end];
  }
  return span;
}

