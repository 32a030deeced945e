// Reading the Compose Specification schema by key path, for hovers and
// completion: the schema the validators were compiled from (schema-source.ts),
// patches included, so every key validation accepts is offered and described.
import { composeSchema } from './schema-source';

export interface SchemaNode {
  description?: string;
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  deprecated?: boolean;
}

type RootSchema = SchemaNode & { definitions: Record<string, SchemaNode> };
let patched: RootSchema | undefined;
/** Built on the first hover or completion (a copy of the schema, patched): loading the core does not pay for it. */
function schema(): RootSchema {
  return (patched ??= composeSchema({ descriptions: true }) as unknown as RootSchema);
}

export function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const definitions = schema().definitions;
  let current = node;
  for (let guard = 0; current?.$ref && guard < 10; guard++) current = definitions[current.$ref.replace('#/definitions/', '')];
  return current;
}

/** A node and its `oneOf` / `anyOf` alternatives, references followed. */
export function alternatives(node: SchemaNode | undefined): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (current: SchemaNode | undefined, depth: number): void => {
    const resolved = deref(current);
    if (!resolved || depth > 4 || out.includes(resolved)) return;
    out.push(resolved);
    for (const alternative of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) visit(alternative, depth + 1);
  };
  visit(node, 0);
  return out;
}

/** Every schema node that may describe the value at a key path (`services`, `web`, `build`, `target`; `[]` for a list item). */
export function schemaNodesAt(path: readonly string[]): SchemaNode[] {
  let candidates: SchemaNode[] = [schema()];
  for (const key of path) {
    const next: SchemaNode[] = [];
    for (const resolved of candidates.flatMap((candidate) => alternatives(candidate))) {
      if (key === '[]') {
        if (resolved.items) next.push(resolved.items);
        continue;
      }
      const direct = resolved.properties?.[key];
      if (direct) next.push(direct);
      for (const [pattern, value] of Object.entries(resolved.patternProperties ?? {})) {
        if (new RegExp(pattern).test(key)) next.push(value);
      }
      if (!direct && typeof resolved.additionalProperties === 'object') next.push(resolved.additionalProperties);
    }
    if (next.length === 0) return [];
    candidates = next;
  }
  return candidates;
}

/** The schema node for a key path, preferring one with a description. */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  const candidates = schemaNodesAt(path);
  return candidates.map(deref).find((node) => node?.description) ?? deref(candidates[0]);
}
