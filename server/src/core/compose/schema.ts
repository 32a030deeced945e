import type { ErrorObject } from 'ajv';
import type { Node, YAMLMap } from 'yaml';
import { interpolate, mayInterpolate, type VariableLookup } from './interpolation';
import type { ComposeModel } from './model';
// The Compose Specification schema (schema-source.ts), compiled ahead of time by scripts/compose-validators.ts.
import { detailedServiceValidator, detailedValidator, quickServiceValidator, quickValidator } from './schema-validators.generated';
import { schemaNodesAt } from './schema-walk';
import { type AnchorIndex, hasTag, isMap, isMergePair, isScalar, isSeq, keyString, type MapEntry, nodeSpan } from './yaml-tree';

export interface SchemaProblem {
  /** Offsets in the compose file. */
  span: [number, number];
  message: string;
  keyword: string;
  /** JSON pointer of the value, e.g. `/services/web/ports/0`. */
  path: string;
}

/** Nodes beyond this depth are not converted (no compose key nests that deep). */
const maxDepth = 64;

/**
 * Validates every document of a compose file against the Compose
 * Specification schema. Values holding `${...}` are checked after
 * substitution with the known variables, and accepted when they cannot be
 * known. Each problem points at the YAML node it concerns.
 */
export function validateSchema(model: ComposeModel, lookup: VariableLookup = () => null): SchemaProblem[] {
  if (model.aliasesExcessive) return [];
  const problems: SchemaProblem[] = [];
  model.documents.forEach((document) => {
    const contents = document.contents;
    // A document that does not parse has a partial tree: its schema errors would be noise.
    if (contents === null || contents === undefined || document.errors.length > 0) return;
    if (isScalar(contents) && (contents.value === null || contents.value === '')) return;
    const errors = schemaErrors(contents, model, lookup);
    if (errors.length === 0) return;
    for (const error of reduceErrors(errors)) {
      const problem = describe(error, contents, model, lookup);
      if (problem) problems.push(problem);
    }
  });
  const seen = new Set<string>();
  problems.sort((a, b) => a.span[0] - b.span[0]);
  return problems.filter((p) => {
    const key = `${p.span[0]}:${p.span[1]}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The schema's errors for a document, in the order one validator of the whole
 * file gives them. Each service is validated apart and its errors remembered,
 * by its source text when that alone decides its value, else by its name and
 * value: an edit re-validates only the service it changed.
 */
function schemaErrors(contents: Node, model: ComposeModel, lookup: VariableLookup): ErrorObject[] {
  const conversion: Conversion = { tree: model.tree, lookup, notJson: false, services: undefined };
  const value = toValue(contents, conversion, 0);
  const validateFile = detailedValidator();
  const fileErrors = quickValidator()(value) || validateFile(value) ? [] : (validateFile.errors ?? []);
  const services = isObject(value) ? value.services : undefined;
  if (!isObject(services)) return fileErrors;
  const nodes = conversion.services;
  const bySource = nodes !== undefined && sourceDecidesValues(model);
  const serviceErrors: ErrorObject[] = [];
  for (const name in services) {
    if (!serviceNamePattern.test(name)) continue;
    const entry = nodes?.get(name);
    const textKey = bySource && entry ? sourceKey(name, entry, model.text) : undefined;
    let errors = textKey === undefined ? undefined : serviceErrorCache.get(textKey);
    if (!errors) {
      conversion.notJson = false;
      // Bodies left out of the file's value (see toValue) are converted here, one at a time.
      const body = nodes ? (entry ? toValue(entry.value, conversion, 2) : null) : services[name];
      const valueKey = conversion.notJson || !nodes ? undefined : `value\n${name}\n${JSON.stringify(body)}`;
      errors = valueKey === undefined ? undefined : serviceErrorCache.get(valueKey);
      if (!errors) {
        const instancePath = `/services/${name}`;
        const validate = detailedServiceValidator();
        errors = quickServiceValidator()(body, { instancePath }) || validate(body, { instancePath }) ? [] : (validate.errors ?? []);
        if (valueKey !== undefined) remember(valueKey, errors);
      }
      if (textKey !== undefined) remember(textKey, errors);
    }
    // A loop, not push(...errors): a hostile file may give more errors than a call takes arguments.
    for (const error of errors) serviceErrors.push(error);
  }
  if (serviceErrors.length === 0) return fileErrors;
  // The whole-file validator reports the top-level keys in the schema's order, services' bodies after the services mapping itself.
  const at = fileErrors.findIndex((error) => keysAfterServices.has(error.instancePath.split('/')[1] ?? ''));
  return at < 0 ? [...fileErrors, ...serviceErrors] : [...fileErrors.slice(0, at), ...serviceErrors, ...fileErrors.slice(at)];
}

/**
 * Whether a service's source text decides its value here: not when a `%`
 * directive may change how the text reads (`%YAML 1.1`, `%TAG`), nor when
 * the parser read a text blanked for nesting too deep.
 */
function sourceDecidesValues(model: ComposeModel): boolean {
  return model.syntaxProblems.length === 0 && !/^%/m.test(model.text);
}

/**
 * The key of a service by its source (its lines, indentation included), when
 * nothing outside them changes its value: a block mapping written there (not
 * merged in, not an alias), without aliases (which point elsewhere) and
 * without `$` (which may be substituted).
 */
function sourceKey(name: string, { keyNode, raw, value, inherited }: MapEntry, text: string): string | undefined {
  if (inherited || raw !== value || !isMap(value) || value.flow || !keyNode.range || !value.range) return undefined;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isScalar(node)) {
      if (typeof node.value === 'string' && node.value.includes('$')) return undefined;
    } else if (node !== null && node !== undefined) {
      return undefined;
    }
  }
  const lineStart = text.lastIndexOf('\n', keyNode.range[0] - 1) + 1;
  return `source\n${name}\n${text.slice(lineStart, value.range[1])}`;
}

// The schema's service names (`services.patternProperties`): other names are reported on `services`, their bodies are not validated.
const serviceNamePattern = /^[a-zA-Z0-9._-]+$/;
const topLevelKeys = Object.keys(schemaNodesAt([])[0]?.properties ?? {});
const keysAfterServices = new Set(topLevelKeys.slice(topLevelKeys.indexOf('services') + 1));

/** Errors of service bodies by source or by value, across documents and versions of them; the oldest go first. */
const serviceErrorCache = new Map<string, ErrorObject[]>();
const serviceErrorCacheLimits = { entries: 2000, keyCharacters: 8_000_000 };
let serviceErrorCacheCharacters = 0;

function remember(key: string, errors: ErrorObject[]): void {
  if (serviceErrorCache.has(key)) return;
  serviceErrorCache.set(key, errors);
  serviceErrorCacheCharacters += key.length;
  for (const oldest of serviceErrorCache.keys()) {
    if (serviceErrorCache.size <= serviceErrorCacheLimits.entries && serviceErrorCacheCharacters <= serviceErrorCacheLimits.keyCharacters) break;
    serviceErrorCache.delete(oldest);
    serviceErrorCacheCharacters -= oldest.length;
  }
}

/** Forgets the remembered service errors (clearCrossDocumentCaches). */
export function clearSchemaCache(): void {
  serviceErrorCache.clear();
  serviceErrorCacheCharacters = 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Conversion {
  tree: AnchorIndex;
  lookup: VariableLookup;
  /**
   * Set when JSON does not tell the value from others, so that its errors are not remembered by it:
   * NaN and infinities (`.nan`, `.inf`) are written `null`, a `__proto__` key sets the prototype.
   */
  notJson: boolean;
  /**
   * The top-level services' entries by name, when their bodies were left out of the value
   * (`null` in their place: the file's validator accepts any body); undefined for an `x-` name, read as `null`.
   */
  services: Map<string, MapEntry | undefined> | undefined;
}

/** The plain value Compose sees: merge keys applied, aliases expanded, `!reset` keys dropped, known variables substituted. */
function toValue(node: unknown, conversion: Conversion, depth: number): unknown {
  const { tree, lookup } = conversion;
  const resolved = tree.resolve(node);
  if (!resolved || depth > maxDepth) return null;
  if (isMap(resolved)) {
    const out: Record<string, unknown> = {};
    for (const entry of tree.entries(resolved).values()) {
      if (entry.reset) continue;
      if (entry.key === '__proto__') conversion.notJson = true;
      if (depth === 0 && entry.key === 'services') {
        out[entry.key] = servicesWithoutBodies(entry.value, conversion) ?? toValue(entry.value, conversion, depth + 1);
        continue;
      }
      // The schema accepts anything under `x-` keys: no need to expand them (they often hold the anchors).
      out[entry.key] = entry.key.startsWith('x-') ? null : toValue(entry.value, conversion, depth + 1);
    }
    return out;
  }
  if (isSeq(resolved)) return resolved.items.filter((item) => !hasTag(item, '!reset')).map((item) => toValue(item, conversion, depth + 1));
  if (isScalar(resolved)) {
    const value = resolved.value;
    if (typeof value === 'string') return mayInterpolate(value) ? (interpolate(value, lookup).value ?? value) : value;
    if (typeof value === 'symbol') return value.description ?? '';
    if (value === undefined) return null;
    if (typeof value === 'number' && !Number.isFinite(value)) conversion.notJson = true;
    return value;
  }
  return null;
}

/**
 * The top-level `services` mapping with `null` for each body, the bodies' nodes kept in
 * `conversion.services`; undefined (convert it whole) when it is not a mapping or names `__proto__`.
 */
function servicesWithoutBodies(node: unknown, conversion: Conversion): Record<string, unknown> | undefined {
  const resolved = conversion.tree.resolve(node);
  if (!isMap(resolved)) return undefined;
  const entries = [...conversion.tree.entries(resolved).values()].filter((entry) => !entry.reset);
  if (entries.some((entry) => entry.key === '__proto__')) return undefined;
  const out: Record<string, unknown> = {};
  const nodes = new Map<string, MapEntry | undefined>();
  for (const entry of entries) {
    out[entry.key] = null;
    nodes.set(entry.key, entry.key.startsWith('x-') ? undefined : entry);
  }
  conversion.services = nodes;
  return out;
}

/** Drops the noise of `oneOf` branches that do not apply, and merges type errors at one place. */
function reduceErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // A type error at a place that also has a more precise error (at it, or deeper) is a `oneOf` branch that does not apply.
  const detail = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const hasDetail = (path: string): boolean => detail.some((e) => (e.keyword !== 'type' && e.instancePath === path) || e.instancePath.startsWith(`${path}/`));
  const kept: ErrorObject[] = [];
  const typeAt = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      // Only meaningful when nothing more precise was found (a value matching two forms).
      if (!errors.some((e) => e !== error && (e.instancePath === error.instancePath || e.instancePath.startsWith(`${error.instancePath}/`)))) kept.push(error);
      continue;
    }
    if (error.keyword === 'type') {
      if (hasDetail(error.instancePath)) continue;
      const previous = typeAt.get(error.instancePath);
      if (previous) {
        const types = new Set([...asList(previous.params.type), ...asList(error.params.type)]);
        previous.params = { ...previous.params, type: [...types] };
      } else {
        const copy = { ...error, params: { ...error.params } };
        typeAt.set(error.instancePath, copy);
        kept.push(copy);
      }
      continue;
    }
    kept.push(error);
  }
  return kept;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',') : [];
}

interface Located {
  value: Node | undefined;
  key: Node | undefined;
  /** The mapping holding `key`, if any. */
  parent: YAMLMap | undefined;
}

function locate(root: Node, segments: readonly string[], tree: AnchorIndex): Located {
  let value: Node | undefined = tree.resolve(root);
  let key: Node | undefined;
  let parent: YAMLMap | undefined;
  for (const segment of segments) {
    if (isMap(value)) {
      const entry = tree.entries(value).get(segment);
      if (!entry) return { value: undefined, key, parent };
      parent = value;
      key = entry.keyNode;
      value = entry.value;
    } else if (isSeq(value)) {
      const items = value.items.filter((item) => !hasTag(item, '!reset'));
      value = tree.resolve(items[Number(segment)]);
      parent = undefined;
    } else {
      return { value: undefined, key, parent };
    }
  }
  return { value, key, parent };
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const sections = new Map([
  ['services', 'service'],
  ['networks', 'network'],
  ['volumes', 'volume'],
  ['secrets', 'secret'],
  ['configs', 'config'],
  ['models', 'model'],
]);

/** Where a value is, in words: `'ports' of service 'web'`, `top-level 'include'`. */
function subject(segments: readonly string[]): string {
  if (segments.length === 0) return 'The file';
  const [section, name, ...rest] = segments;
  const kind = section === undefined ? undefined : sections.get(section);
  const owner = kind !== undefined && name !== undefined ? `${kind} '${name}'` : undefined;
  if (owner && rest.length === 0) return owner[0]!.toUpperCase() + owner.slice(1);
  const inner = owner ? rest : segments;
  const label = inner.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return owner ? `'${label}' of ${owner}` : `Top-level '${label}'`;
}

const typeNames: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function actualType(node: Node | undefined): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return 'empty';
    if (typeof value === 'number') return `the number ${node.source ?? String(value)}`;
    if (typeof value === 'boolean') return `${String(value)}`;
    const text = node.source ?? (typeof value === 'string' ? value : '');
    return `the string '${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
  }
  return 'something else';
}

function describe(error: ErrorObject, root: Node, model: ComposeModel, lookup: VariableLookup): SchemaProblem | undefined {
  const segments = pointerSegments(error.instancePath);
  const where = locate(root, segments, model.tree);
  const value = where.value;
  // Interpolated values: unknown ones are accepted; known ones are cast the way Compose casts them.
  if (isScalar(value) && typeof value.value === 'string' && mayInterpolate(value.value)) {
    const substituted = interpolate(value.value, lookup).value;
    if (substituted === undefined) return undefined;
    if (error.keyword === 'type' && castable(substituted, asList(error.params.type))) return undefined;
  }
  const span = (node: Node | undefined): [number, number] | undefined => {
    const s = nodeSpan(node);
    if (!s) return undefined;
    // A collection spans many lines; its first line is enough.
    return isMap(node) || isSeq(node) ? model.firstLine(s[0], s[1]) : s;
  };
  const valueOrKey = (): [number, number] => (isMap(value) || isSeq(value) ? span(where.key) : undefined) ?? span(value) ?? span(where.key) ?? [0, 0];
  const base = { keyword: error.keyword, path: error.instancePath };
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const keyNode = isMap(value) ? value.items.find((pair) => !isMergePair(pair) && keyString(pair.key) === name)?.key : undefined;
      const keySpan = span(keyNode as Node | undefined) ?? valueOrKey();
      const parentSchema = error.parentSchema as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> } | undefined;
      const known = Object.keys(parentSchema?.properties ?? {});
      const section = segments.length === 1 ? sections.get(segments[0]!) : undefined;
      if (section && known.length === 0) {
        return { ...base, span: keySpan, message: `${capitalize(section)} name '${name}' is not valid: use only letters, digits, '.', '_' and '-'.` };
      }
      if (segments.length === 0) {
        const legacy = isMap(value) ? model.tree.get(value, name)?.value : undefined;
        if (isMap(legacy) && (model.tree.get(legacy, 'image') || model.tree.get(legacy, 'build'))) {
          return { ...base, span: keySpan, message: `'${name}' looks like a service in the legacy version 1 format, which Compose no longer reads; move it under 'services:'.` };
        }
      }
      const suggestion = closest(name, known);
      const hint = suggestion ? `; did you mean '${suggestion}'?` : parentSchema?.patternProperties?.['^x-'] !== undefined ? "; custom keys must start with 'x-'." : '.';
      const inWhat = segments.length === 0 ? 'at the top level' : `in ${subject(segments).replace(/^[A-Z]/, (c) => c.toLowerCase())}`;
      return { ...base, span: keySpan, message: `Unknown key '${name}' ${inWhat}${hint}` };
    }
    case 'type': {
      const expected = asList(error.params.type)
        .map((t) => typeNames[t] ?? t)
        .filter((t, i, all) => all.indexOf(t) === i);
      const written = isScalar(value) && typeof value.value === 'string' && mayInterpolate(value.value);
      const actual = written ? `'${String(error.data)}' (from '${String(value.value)}')` : actualType(value);
      return { ...base, span: valueOrKey(), message: `${subject(segments)} must be ${joinOr(expected)}, not ${actual}.` };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const found = isScalar(value) ? String(value.value) : undefined;
      const suggestion = found === undefined ? undefined : closest(found, allowed);
      return {
        ...base,
        span: valueOrKey(),
        message: `${subject(segments)} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}${found === undefined ? '' : `, not '${found}'`}${suggestion ? `; did you mean '${suggestion}'?` : '.'}`,
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      return { ...base, span: span(where.key) ?? span(value) ?? [0, 0], message: `${subject(segments)} is missing the required key '${missing}'.` };
    }
    case 'uniqueItems': {
      const j = Number(error.params.j);
      const item = isSeq(value) ? model.tree.resolve(value.items[j]) : undefined;
      return { ...base, span: span(item) ?? valueOrKey(), message: `${subject(segments)} lists the same value twice (items ${Number(error.params.i) + 1} and ${j + 1}).` };
    }
    case 'pattern':
      return { ...base, span: valueOrKey(), message: `${subject(segments)} has ${actualType(value)}, which does not match the pattern ${String(error.params.pattern)}.` };
    case 'oneOf':
    case 'anyOf':
      return { ...base, span: valueOrKey(), message: `${subject(segments)} does not match any of the forms Compose accepts for it.` };
    default:
      return { ...base, span: valueOrKey(), message: `${subject(segments)} ${error.message ?? 'is not valid'}.` };
  }
}

/** Compose casts interpolated strings to the type a key needs. */
function castable(text: string, types: readonly string[]): boolean {
  return types.some((type) => {
    if (type === 'integer') return /^[-+]?\d+$/.test(text);
    if (type === 'number') return text.trim() !== '' && Number.isFinite(Number(text));
    if (type === 'boolean') return /^(?:true|false|1|0|t|f)$/i.test(text);
    return false;
  });
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

/** The closest candidate within a small edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let twoBack: number[] = [];
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      // Adjacent transposition (Damerau).
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j]!, (twoBack[j - 2] ?? 0) + 1);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length]!;
}
