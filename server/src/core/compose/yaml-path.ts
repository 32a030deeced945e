import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ComposeModel } from './model';

/** Where the cursor is in the YAML: the keys from the root, and whether it is on a key or a value. */
export interface YamlLocation {
  /** Keys (and `[]` for sequence items) from the document root down to the innermost node. */
  path: string[];
  /** The scalar under the cursor, if any. */
  scalar: Node | undefined;
  /** The pair whose key or value holds the cursor. */
  pair: Pair | undefined;
  onKey: boolean;
}

const maxDepth = 64;

/** Finds the innermost node at an offset, walking down from the document root. */
export function locate(model: ComposeModel, offset: number): YamlLocation {
  const location: YamlLocation = { path: [], scalar: undefined, pair: undefined, onKey: false };
  const document = model.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]) ?? model.documents[0];
  let node: unknown = document?.contents;
  for (let depth = 0; depth < maxDepth && node; depth++) {
    if (isMap(node)) {
      const cursor = model.lines.positionAt(offset);
      // A pair whose key or value holds the cursor; or, with nothing typed yet, the last
      // key before the cursor that is on its line (`key: |`) or less indented (a new line under `key:`).
      let pair = node.items.find((p) => isPair(p) && (within(p.key, offset) || within(p.value, offset)));
      if (!pair) {
        for (const candidate of node.items) {
          const keyRange = (candidate.key as { range?: [number, number, number] } | null)?.range;
          if (!keyRange || keyRange[1] > offset) continue;
          const keyStart = model.lines.positionAt(keyRange[0]);
          const sameLine = keyStart.line === cursor.line;
          if (sameLine || cursor.character > keyStart.character) pair = candidate;
        }
      }
      if (!pair) return location;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      location.pair = pair;
      if (within(pair.key, offset)) {
        location.path.push(key);
        location.onKey = true;
        location.scalar = pair.key as Node;
        return location;
      }
      location.path.push(key);
      location.onKey = false;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items.find((i) => within(i, offset));
      location.path.push('[]');
      if (!item) return location;
      node = item;
    } else {
      if (isScalar(node)) location.scalar = node;
      return location;
    }
  }
  return location;
}

function within(node: unknown, offset: number): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range !== undefined && range[0] <= offset && offset <= range[1];
}

export function scalarValue(node: Node | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
