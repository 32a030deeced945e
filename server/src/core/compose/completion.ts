// Compose completion: keys and values from the Compose Specification schema in
// context, the values the schema only names in prose, service and resource
// names where they are referenced, the Dockerfile's stages and ARGs for
// `build.target` / `build.args`, and variables inside `${`. The context is read
// from the text (indentation), so it works on the half-typed, unparsable line;
// inside a closed `[...]` or `{...}` it comes from the parsed YAML.
import type { ComposeContext } from '../feature-context';
import type { CompletionItem } from '../features';
import type { LineIndex, Position, Range } from '../text';
import type { ComposeModel } from './model';
import { resourceKinds } from './occurrences';
import { type BuildLink, composeProject } from './project';
import { alternatives, deref, type SchemaNode, schemaNodesAt } from './schema-walk';
import type { ResourceKind, Service } from './service';
import { locate } from './yaml-path';
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';

/** Values the schema describes in prose only (or not at all), from the Compose file reference. */
const knownValues: readonly { path: string; values: readonly string[] }[] = [
  // `no` is quoted: YAML 1.1 readers take a bare `no` for false.
  { path: 'services.*.restart', values: ['"no"', 'always', 'on-failure', 'unless-stopped'] },
  { path: 'services.*.pull_policy', values: ['always', 'never', 'missing', 'build', 'daily', 'weekly'] },
  { path: 'services.*.network_mode', values: ['bridge', 'host', 'none'] },
  { path: 'services.*.ipc', values: ['host', 'private', 'shareable'] },
  { path: 'services.*.pid', values: ['host'] },
  { path: 'services.*.build.network', values: ['host', 'none', 'default'] },
  { path: 'services.*.deploy.mode', values: ['replicated', 'global', 'replicated-job', 'global-job'] },
  { path: 'services.*.deploy.endpoint_mode', values: ['vip', 'dnsrr'] },
  { path: 'services.*.deploy.restart_policy.condition', values: ['none', 'on-failure', 'any'] },
  { path: 'services.*.ports.[].protocol', values: ['tcp', 'udp'] },
  { path: 'services.*.ports.[].mode', values: ['host', 'ingress'] },
  { path: 'networks.*.driver', values: ['bridge', 'host', 'none', 'overlay', 'macvlan', 'ipvlan'] },
  { path: 'volumes.*.driver', values: ['local'] },
];

function matches(pattern: string, path: readonly string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i]);
}

interface LineContext {
  /** Keys from the root to the mapping (or list item) the cursor is in; `[]` for a list item. */
  path: string[];
  /** Keys already set in that mapping. */
  siblings: Set<string>;
}

/** `  - key: value`: indentation, list dashes, and the key when the line has one. */
function parseLine(text: string): { indent: number; dashes: number; content: number; key: string | undefined } {
  const lead = /^([ \t]*)((?:-[ \t]+)*)/.exec(text)!;
  const indent = lead[1]!.length;
  const content = indent + lead[2]!.length;
  const key = /^("[^"]*"|'[^']*'|[^\s#'"{[\]},&*!|>%@`][^:#]*?)[ \t]*:(?:[ \t]|$)/.exec(text.slice(content));
  return { indent, dashes: lead[2]!.length, content, key: key ? key[1]!.replace(/^(["'])(.*)\1$/, '$2') : undefined };
}

const significant = (text: string): boolean => text.trim() !== '' && !text.trimStart().startsWith('#');

/**
 * The key path of the mapping that a key written at `column` on `line` belongs
 * to, from the indentation of the lines above: a key less indented is a parent,
 * a `- ` item opens a list (whose owner may sit at the same column).
 */
export function contextAt(lines: LineIndex, line: number, column: number, listItem = false): LineContext {
  const path: string[] = [];
  const siblings = new Set<string>();
  let want = column;
  // On a `- ` line the cursor starts a list item: its owner may sit at the dash's column.
  let seqColumn: number | undefined = listItem ? column : undefined;
  let collecting = true;
  for (let l = line - 1; l >= 0; l--) {
    const text = lines.lineText(l);
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(text)) break;
    if (!significant(text)) continue;
    const { indent, dashes, content, key } = parseLine(text);
    if (dashes > 0) {
      if (seqColumn !== undefined && indent === seqColumn) continue;
      if (content === want && seqColumn === undefined) {
        // The first line of the list item the cursor's mapping is in.
        if (collecting && key !== undefined) siblings.add(key);
        collecting = false;
        path.push('[]');
        seqColumn = indent;
        want = indent;
        continue;
      }
      if (content < want) {
        if (key === undefined) break;
        collecting = false;
        path.push(key, '[]');
        seqColumn = indent;
        want = indent;
      }
      continue;
    }
    if (indent === want && seqColumn === undefined) {
      if (collecting && key !== undefined) siblings.add(key);
      continue;
    }
    if (indent < want || (seqColumn !== undefined && indent === want)) {
      if (key === undefined) break;
      collecting = false;
      path.push(key);
      want = indent;
      seqColumn = undefined;
    }
  }
  // Siblings below the cursor, up to the end of the mapping.
  for (let l = line + 1; l < lines.lineCount && path[0] !== '[]'; l++) {
    const text = lines.lineText(l);
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(text)) break;
    if (!significant(text)) continue;
    const { indent, dashes, content, key } = parseLine(text);
    if (indent < column || (dashes > 0 && indent <= column && content !== column)) break;
    if (indent === column && dashes === 0 && key !== undefined) siblings.add(key);
  }
  return { path: path.reverse(), siblings };
}

/** `restart` under `services.web` is looked up as `services.*.restart`. */
function genericPath(path: readonly string[]): string[] {
  return path.map((key, i) => (i === 1 && ['services', 'networks', 'volumes', 'secrets', 'configs'].includes(path[0]!) ? '*' : i === 3 && path[0] === 'services' && path[2] === 'depends_on' ? '*' : key));
}

function objectKeys(nodes: readonly SchemaNode[]): Map<string, SchemaNode> {
  const keys = new Map<string, SchemaNode>();
  for (const node of nodes.flatMap((n) => alternatives(n))) {
    for (const [key, value] of Object.entries(node.properties ?? {})) if (!keys.has(key)) keys.set(key, value);
  }
  return keys;
}

function isCollection(node: SchemaNode): boolean {
  const types = alternatives(node).flatMap((n) => (Array.isArray(n.type) ? n.type : n.type ? [n.type] : n.properties || n.patternProperties ? ['object'] : []));
  return types.length > 0 && types.every((t) => t === 'object' || t === 'array');
}

function schemaValues(nodes: readonly SchemaNode[]): string[] {
  const values = new Set<string>();
  for (const node of nodes.flatMap((n) => alternatives(n))) {
    for (const value of node.enum ?? []) if (typeof value === 'string' || typeof value === 'number') values.add(String(value));
    const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
    if (types.includes('boolean')) values.add('true').add('false');
  }
  return [...values];
}

function description(node: SchemaNode): string | undefined {
  return alternatives(node).find((n) => n.description)?.description;
}

export function completion(context: ComposeContext, requested: Position): CompletionItem[] {
  const model = context.analysis.model;
  if (model.text.length !== context.document.text.length) return [];
  // A position past the end of its line or of the document means the end of it.
  const position = model.lines.positionAt(model.lines.offsetAt(requested));
  const lineText = model.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const variable = /\$\{([A-Za-z0-9_]*)$/.exec(before) ?? /\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(before);
  if (variable) return variableCompletion(context, position, variable[1]!);
  if (/(?:^|\s)#/.test(before) || inBlockScalar(model, model.lines.offsetAt(position))) return [];
  const flow = flowCollectionAt(model, model.lines.offsetAt(position));
  if (flow) return flowCompletion(context, flow, model.lines.offsetAt(position), position);

  const asKey = /^([ \t]*)((?:-[ \t]+)*)([\w.-]*)$/.exec(before);
  if (asKey) {
    const dashes = countDashes(asKey[2]!);
    const range = wordRange(position, asKey[3]!.length);
    // `  - ` starts a list item: the context is the list's owner, plus the item.
    const { path, siblings } = contextAt(model.lines, position.line, dashes > 0 ? asKey[1]!.length : asKey[1]!.length + asKey[2]!.length, dashes > 0);
    if (dashes > 0) {
      for (let i = 0; i < dashes; i++) path.push('[]');
      return [...valueItems(context, path, '', range), ...keyItems(path, new Set(), range)];
    }
    return [...keyItems(path, siblings, range), ...nameKeyItems(context, path, range)];
  }
  const asValue = /^([ \t]*)((?:-[ \t]+)*)("[^"]*"|'[^']*'|[^\s#'"{[\]},][^:#]*?)[ \t]*:[ \t]+(["']?)([^\s"']*)$/.exec(before);
  if (asValue) {
    const dashes = countDashes(asValue[2]!);
    const { path } = dashes > 0 ? contextAt(model.lines, position.line, asValue[1]!.length, true) : contextAt(model.lines, position.line, asValue[1]!.length);
    for (let i = 0; i < dashes; i++) path.push('[]');
    path.push(asValue[3]!.replace(/^(["'])(.*)\1$/, '$2'));
    return valueItems(context, path, asValue[5]!, wordRange(position, asValue[5]!.length));
  }
  return [];
}

/** A `[...]` or `{...}` written in the text, and the key path to it. */
interface FlowCollection {
  path: string[];
  node: YAMLMap | YAMLSeq;
  /** Offset of the opening bracket. */
  start: number;
}

/** The innermost flow collection around the offset, closed in the text (`depends_on: [db, |]`), from the parsed YAML. */
function flowCollectionAt(model: ComposeModel, offset: number): FlowCollection | undefined {
  const document = model.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]);
  const path: string[] = [];
  let found: FlowCollection | undefined;
  let node: unknown = document?.contents;
  for (let depth = 0; depth < 64 && (isMap(node) || isSeq(node)); depth++) {
    const range = node.range;
    if (node.flow && range && range[0] < offset && offset < range[1] && '}]'.includes(model.text[range[1] - 1] ?? '')) found = { path: [...path], node, start: range[0] };
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.value, offset));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      node = pair.value;
    } else {
      path.push('[]');
      node = node.items.find((item) => within(item, offset));
    }
  }
  return found;
}

function within(node: unknown, offset: number): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range !== undefined && range[0] <= offset && offset <= range[1];
}

/** The entry of a flow collection up to the cursor: from the last `,` at its level, or its opening bracket. */
function flowEntryBefore(text: string, start: number, offset: number): string {
  let depth = 0;
  for (let i = offset - 1; i > start; i--) {
    const c = text[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') depth--;
    else if (c === ',' && depth === 0) return text.slice(i + 1, offset);
  }
  return text.slice(start + 1, offset);
}

/** In `[a, |]` the items' values; in `{ a: 1, | }` the mapping's keys, and after `key: ` its values. */
function flowCompletion(context: ComposeContext, flow: FlowCollection, offset: number, position: Position): CompletionItem[] {
  const entry = flowEntryBefore(context.analysis.model.text, flow.start, offset).trimStart();
  if (isSeq(flow.node)) {
    const typed = /^[\w./:-]*$/.exec(entry)?.[0];
    return typed === undefined ? [] : valueItems(context, [...flow.path, '[]'], typed, wordRange(position, typed.length));
  }
  const value = /^("[^"]*"|'[^']*'|[^\s#'"{[\]},:][^:#{[\]},]*?)[ \t]*:[ \t]+(["']?)([^\s"',\]}]*)$/.exec(entry);
  if (value) return valueItems(context, [...flow.path, value[1]!.replace(/^(["'])(.*)\1$/, '$2')], value[3]!, wordRange(position, value[3]!.length));
  const typed = /^[\w.-]*$/.exec(entry)?.[0];
  if (typed === undefined) return [];
  const siblings = new Set<string>();
  for (const pair of flow.node.items) if (isScalar(pair.key) && !within(pair.key, offset)) siblings.add(String(pair.key.value));
  const range = wordRange(position, typed.length);
  // `key: value` whatever the value: in a flow mapping a collection is written inline too.
  return [...keyItems(flow.path, siblings, range), ...nameKeyItems(context, flow.path, range)].map((item) => ({ ...item, insertText: `${item.label}: ` }));
}

/** Inside the text of a `|` or `>` scalar, where keys and values are not YAML. */
function inBlockScalar(model: ComposeModel, offset: number): boolean {
  const scalar = locate(model, offset).scalar as { type?: string; range?: [number, number, number] } | undefined;
  const range = scalar?.range;
  return (scalar?.type === 'BLOCK_LITERAL' || scalar?.type === 'BLOCK_FOLDED') && range !== undefined && model.lines.positionAt(range[0]).line < model.lines.positionAt(offset).line && offset <= range[1];
}

function countDashes(text: string): number {
  return Math.min(8, text.split('-').length - 1);
}

function wordRange(position: Position, length: number): Range {
  return { start: { line: position.line, character: position.character - length }, end: position };
}

function keyItems(path: readonly string[], siblings: ReadonlySet<string>, range: Range): CompletionItem[] {
  const nodes = schemaNodesAt(path);
  const items: CompletionItem[] = [];
  for (const [key, node] of objectKeys(nodes)) {
    if (siblings.has(key)) continue;
    const resolved = deref(node) ?? node;
    const docs = description(node);
    items.push({
      label: key,
      kind: 'property',
      ...(docs !== undefined && { documentation: docs }),
      ...(resolved.deprecated && { detail: 'deprecated' }),
      insertText: isCollection(node) ? `${key}:` : `${key}: `,
      range,
      sortText: `${resolved.deprecated || key === 'version' ? '9' : '1'}${key}`,
      retrigger: !isCollection(node) && schemaValues([node]).length > 0,
    });
  }
  return items;
}

/** Keys that are names: services under `depends_on`, networks under a service's `networks`, ARGs under `build.args`. */
function nameKeyItems(context: ComposeContext, path: readonly string[], range: Range): CompletionItem[] {
  const [top, serviceName, key, sub] = path;
  if (top !== 'services' || serviceName === undefined) return [];
  if (path.length === 3 && key === 'depends_on') return serviceItems(context.analysis.model, serviceName, range, ':');
  if (path.length === 3 && key && (resourceKinds as readonly string[]).includes(key)) return resourceItems(context.analysis.model, key as ResourceKind, range, ':');
  if (path.length === 4 && key === 'build' && sub === 'args') return argItems(context, serviceName, range, ': ');
  return [];
}

function valueItems(context: ComposeContext, path: readonly string[], typed: string, range: Range): CompletionItem[] {
  const model = context.analysis.model;
  const [top, serviceName, key, sub] = path;
  if (top === 'services' && serviceName !== undefined) {
    if (key === 'build' && sub === 'target' && path.length === 4) return targetItems(context, serviceName, range);
    if (key === 'build' && sub === 'args' && path.length === 5) return argItems(context, serviceName, range, '=');
    if (path.length === 4 && sub === '[]' && (key === 'depends_on' || key === 'links' || key === 'volumes_from')) return serviceItems(model, serviceName, range, '');
    if (path.length === 4 && key === 'extends' && sub === 'service') return extendsServiceItems(context, serviceName, range);
    if (path.length === 4 && sub === '[]' && key && (resourceKinds as readonly string[]).includes(key)) return resourceItems(model, key as ResourceKind, range, key === 'volumes' ? ':' : '');
    if (path.length === 5 && (key === 'secrets' || key === 'configs') && sub === '[]' && path[4] === 'source') return resourceItems(model, key, range, '');
    if (path.length === 3 && (key === 'network_mode' || key === 'ipc') && typed.startsWith('service:')) {
      const prefix = { start: { line: range.start.line, character: range.start.character + 'service:'.length }, end: range.end };
      return serviceItems(model, serviceName, prefix, '');
    }
  }
  const generic = genericPath(path);
  const known = knownValues.find((entry) => matches(entry.path, generic))?.values ?? [];
  const values = [...new Set([...known, ...schemaValues(schemaNodesAt(path))])];
  const items: CompletionItem[] = values.map((value, index) => ({ label: value, kind: 'enum', insertText: value, range, sortText: String(index).padStart(3, '0') }));
  if (top === 'services' && serviceName !== undefined && path.length === 3 && (key === 'network_mode' || key === 'ipc')) {
    for (const service of model.services) {
      if (service.name !== serviceName) items.push({ label: `service:${service.name}`, kind: 'reference', detail: 'share the namespace of this service', insertText: `service:${service.name}`, range });
    }
  }
  return items;
}

function serviceItems(model: ComposeModel, self: string, range: Range, suffix: string): CompletionItem[] {
  const names = [...new Set(model.services.map((s) => s.name))].filter((name) => name !== self);
  return names.map((name) => ({ label: name, kind: 'reference', detail: 'service', insertText: `${name}${suffix}`, range }));
}

/** Under `extends.service`: the services of the file `extends.file` names, else this file's other services. */
function extendsServiceItems(context: ComposeContext, serviceName: string, range: Range): CompletionItem[] {
  const model = context.analysis.model;
  const service = model.services.find((s) => s.name === serviceName);
  const file = service?.extends?.file;
  if (!service || !file) return serviceItems(model, serviceName, range, '');
  const names = composeProject({ model, files: context.service.files, path: context.document.path }).extendsFileServices(service) ?? [];
  return names.map((name) => ({ label: name, kind: 'reference', detail: `service in ${file.text}`, insertText: name, range }));
}

function resourceItems(model: ComposeModel, kind: ResourceKind, range: Range, suffix: string): CompletionItem[] {
  return [...new Set(model.resources(kind).map((r) => r.name))].map((name) => ({ label: name, kind: 'reference', detail: `top-level ${kind}`, insertText: `${name}${suffix}`, range }));
}

function buildOf(context: ComposeContext, serviceName: string): BuildLink | undefined {
  const model = context.analysis.model;
  const service: Service | undefined = model.services.find((s) => s.name === serviceName);
  return service && composeProject({ model, files: context.service.files, path: context.document.path }).build(service);
}

function targetItems(context: ComposeContext, serviceName: string, range: Range): CompletionItem[] {
  const link = buildOf(context, serviceName);
  const dockerfile = link?.dockerfile;
  if (!dockerfile) return [];
  return dockerfile.stages
    .filter((stage) => stage.name !== undefined)
    .map((stage, index) => ({
      label: stage.name!,
      kind: 'reference' as const,
      detail: `stage FROM ${stage.baseText}`,
      documentation: `Stage \`${stage.name}\` of \`${link.dockerfilePath ?? 'the Dockerfile'}\`, line ${stage.from.getRange().start.line + 1}.`,
      insertText: stage.name!,
      range,
      sortText: String(index).padStart(3, '0'),
    }));
}

function argItems(context: ComposeContext, serviceName: string, range: Range, separator: string): CompletionItem[] {
  const dockerfile = buildOf(context, serviceName)?.dockerfile;
  if (!dockerfile) return [];
  const names = new Set(dockerfile.variables.definitions.filter((d) => d.kind === 'arg').map((d) => d.name));
  return [...names].map((name) => ({ label: name, kind: 'variable' as const, detail: 'ARG of the Dockerfile', insertText: `${name}${separator}`, range }));
}

/** Inside `${` or after `$`: the project's `.env` entries, then the other variables the file uses. */
function variableCompletion(context: ComposeContext, position: Position, typed: string): CompletionItem[] {
  const model = context.analysis.model;
  const range = wordRange(position, typed.length);
  const dotenv = composeProject({ model, files: context.service.files, path: context.document.path }).dotenv;
  const items = new Map<string, CompletionItem>();
  for (const entry of dotenv?.values() ?? []) {
    items.set(entry.name, { label: entry.name, kind: 'variable', detail: entry.value === null ? '.env (from the shell)' : `.env: ${entry.value}`, insertText: entry.name, range, sortText: `0${entry.name}` });
  }
  for (const reference of model.interpolation.references) {
    if (!items.has(reference.name) && reference.name !== typed) items.set(reference.name, { label: reference.name, kind: 'variable', detail: 'used in this file', insertText: reference.name, range, sortText: `1${reference.name}` });
  }
  return [...items.values()];
}
