// The Compose Specification schema that Dockhand validates against, as the
// input of `scripts/compose-validators.ts`, which compiles it ahead of time
// into schema-validators.generated.js (the editor and the CLI never compile a
// schema at run time), and of schema-walk.ts for hovers and completion. The schema is the copy shipped by the pinned `dclint`
// package: its package.json `exports` hides `schemas/`, so the file is imported
// by path. `scripts/check-compose-schema.mjs` reports when the upstream copy changes.
import upstreamSchema from '../../../../node_modules/dclint/schemas/compose.schema.json';

type JsonSchema = Record<string, unknown>;

/**
 * Where the pinned schema lags behind Compose: each patch accepts something
 * that current Compose accepts (the docker/compose end-to-end fixtures use
 * them). Remove a patch once the upstream schema has it.
 */
type Patchable = JsonSchema & { definitions: Record<string, { properties: Record<string, JsonSchema> }> };
/** Adds hover and completion text to a node a patch adds, or returns it as is. */
type Describe = (node: JsonSchema, description: string) => JsonSchema;
const patches: ((schema: Patchable, describe: Describe) => void)[] = [
  // `pre_start` lifecycle hooks (run before the container starts; an item may name its own image).
  (schema, describe) => {
    schema.definitions.service!.properties.pre_start ??= describe({ type: 'array', items: { type: 'object' } }, 'Commands to run before the container starts.');
  },
  // `develop.watch[].initial_sync`, which replaced the experimental `x-initialSync`.
  (schema, describe) => {
    const watch = schema.definitions.development?.properties.watch as { items?: { properties?: Record<string, unknown> } } | undefined;
    if (watch?.items?.properties) watch.items.properties.initial_sync ??= describe({ type: ['boolean', 'string'] }, "With a `sync` action, bring the container's copy of the files under `path` up to date when a watch session starts.");
  },
  // A service's `models` entry may be empty (`llm:`), like its `networks` entries.
  (schema) => {
    const branches = (schema.definitions.service!.properties.models as { oneOf?: { patternProperties?: Record<string, { type?: unknown }> }[] } | undefined)?.oneOf ?? [];
    for (const branch of branches) for (const value of Object.values(branch.patternProperties ?? {})) if (value.type === 'object') value.type = ['object', 'null'];
  },
];

/**
 * The pinned schema with the patches applied. With `descriptions`, the keys
 * the patches add carry hover and completion text (schema-walk.ts); without,
 * as compiled into the validators, which embed the schema, so rewording that
 * text does not regenerate them.
 */
export function composeSchema({ descriptions = false }: { descriptions?: boolean } = {}): JsonSchema {
  const schema = structuredClone(upstreamSchema) as unknown as Patchable;
  delete schema.$schema;
  const describe: Describe = descriptions ? (node, description) => ({ ...node, description }) : (node) => node;
  for (const patch of patches) patch(schema, describe);
  return schema;
}
