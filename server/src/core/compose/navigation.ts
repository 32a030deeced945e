// Outline, definition, references, highlights and rename in compose files:
// services, top-level networks, volumes, secrets and configs, YAML anchors, and
// across files `build.target` <-> the Dockerfile's stage, `build.args` <-> its ARGs,
// and a service <-> the `extends: { file, service }` of other compose files.
import { stageNameProblem, stageOccurrences, variableNameProblem, variableOccurrences } from '../dockerfile/navigation';
import type { ComposeContext } from '../feature-context';
import { isMap } from 'yaml';
import type { DocumentSymbol, Highlight, Location, PrepareRename, TextEdit, WorkspaceEdit } from '../features';
import { comparePositions, type Position, type Range } from '../text';
import { buildNames, composeFilesNear } from './builders';
import type { ComposeModel } from './model';
import { type NameKind, type Occurrence, occurrenceAt, occurrences, resourceKinds, sameSymbol } from './occurrences';
import { composeProject, loadCompose } from './project';
import type { Resource, Service } from './service';
const symbolKind = { networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config' } as const;

function rangeOfNode(model: ComposeModel, node: { range?: [number, number, number] | null } | null | undefined): Range | undefined {
  const r = node?.range;
  return r ? model.lines.rangeOf(r[0], r[1]) : undefined;
}

export function documentSymbols({ analysis }: ComposeContext): DocumentSymbol[] {
  const model = analysis.model;
  const symbols: DocumentSymbol[] = [];
  const section = (name: string, kind: DocumentSymbol['kind'], items: readonly (Service | Resource)[]): void => {
    const pair = model.topLevel(name);
    const range = rangeOfNode(model, pair?.key as never);
    if (!pair || !range) return;
    const valueRange = rangeOfNode(model, pair.value as never) ?? range;
    // The body as written: `web: *base` ends at the alias, not at the anchored mapping it resolves to.
    const written = new Map<unknown, unknown>();
    if (isMap(pair.value)) for (const entry of pair.value.items) written.set(entry.key, entry.value);
    const children = items.flatMap((item) => {
      const keyRange = rangeOfNode(model, item.keyNode);
      if (!keyRange) return [];
      const body = rangeOfNode(model, (written.has(item.keyNode) ? written.get(item.keyNode) : item.node) as never);
      const end = body && comparePositions(body.end, keyRange.end) > 0 ? body.end : keyRange.end;
      return [{ name: item.name, kind, range: { start: keyRange.start, end }, selectionRange: keyRange }];
    });
    symbols.push({ name, kind: 'section', range: { start: range.start, end: valueRange.end }, selectionRange: range, children });
  };
  section('services', 'service', model.services);
  for (const kind of resourceKinds) section(kind, symbolKind[kind], model.resources(kind));
  return symbols;
}

/** A place of a name: in this document (`path` undefined) or in another file. */
interface Place {
  path: string | undefined;
  range: Range;
  declaration: boolean;
}

function placeIn(model: ComposeModel, path: string | undefined, occurrence: Occurrence): Place {
  return { path, range: model.lines.rangeOf(occurrence.span[0], occurrence.span[1]), declaration: occurrence.declaration };
}

/** A compose file: the document (`path` undefined in places) or another file. */
interface ComposeFile {
  path: string | undefined;
  model: ComposeModel;
}

/** The compose files Compose merges with `file` (base, override, includes): one namespace for services and resources. */
function projectFiles(context: ComposeContext, file: ComposeFile = { path: undefined, model: context.analysis.model }): ComposeFile[] {
  const path = file.path ?? context.document.path;
  const project = composeProject({ model: file.model, files: context.service.files, path });
  const others = [...project.overrides, ...(project.base ? [project.base] : []), ...project.includes].filter((other) => other.path !== path && other.path !== context.document.path);
  return [file, ...others];
}

/** Where the cursor's name is used and declared, in every file that shares it (`declarations`: enough to find those). */
function placesOf(context: ComposeContext, occurrence: Occurrence, declarations = false): Place[] | undefined {
  const model = context.analysis.model;
  if (occurrence.kind === 'anchor') return occurrences(model).filter((o) => sameSymbol(o, occurrence)).map((o) => placeIn(model, undefined, o));
  if (occurrence.kind === 'target' || occurrence.kind === 'arg') return buildPlaces(context, occurrence);
  if (occurrence.kind === 'extends') {
    const file = extendedFile(context, occurrence);
    return file && servicePlaces(context, file, occurrence.name, declarations);
  }
  const places: Place[] = [];
  for (const file of projectFiles(context)) {
    for (const other of occurrences(file.model)) if (sameSymbol(other, occurrence)) places.push(placeIn(file.model, file.path, other));
  }
  if (occurrence.kind === 'services' && !declarations && context.document.path !== undefined) places.push(...extendsPlaces(context, context.document.path, occurrence.name));
  return places;
}

/** The file an `extends` with `file` names, read (the document itself when it names itself); undefined when it cannot be. */
function extendedFile(context: ComposeContext, occurrence: Occurrence): (ComposeFile & { absolute: string }) | undefined {
  const { analysis, document } = context;
  const written = occurrence.service?.extends?.file?.text;
  const project = composeProject({ model: analysis.model, files: context.service.files, path: document.path });
  const path = written === undefined ? undefined : project.resolvePath(written);
  if (path === undefined) return undefined;
  if (path === document.path) return { path: undefined, model: analysis.model, absolute: path };
  const text = context.service.files.readFile(path);
  return text === undefined ? undefined : { path, model: loadCompose(path, text), absolute: path };
}

/** Service `name` of `file`: its key and uses there and in the files merged with it, and the `extends` naming it from other files. */
function servicePlaces(context: ComposeContext, file: ComposeFile & { absolute: string }, name: string, declarations: boolean): Place[] {
  const places: Place[] = [];
  for (const member of projectFiles(context, file)) {
    for (const other of occurrences(member.model)) if (other.kind === 'services' && other.name === name) places.push(placeIn(member.model, member.path, other));
  }
  return declarations ? places : [...places, ...extendsPlaces(context, file.absolute, name)];
}

/**
 * Every `extends: { file, service: name }` that names the file at `target`:
 * in this document and in the compose files near the target (its folder and
 * two above, as for the Dockerfile a service builds).
 */
function extendsPlaces(context: ComposeContext, target: string, name: string): Place[] {
  const { analysis, document } = context;
  const files: ComposeFile[] = [{ path: undefined, model: analysis.model }, ...composeFilesNear(context.service.files, target).filter((file) => file.path !== document.path)];
  const places: Place[] = [];
  for (const file of files) {
    const project = composeProject({ model: file.model, files: context.service.files, path: file.path ?? document.path });
    for (const other of occurrences(file.model)) {
      const written = other.kind === 'extends' && other.name === name ? other.service?.extends?.file?.text : undefined;
      if (written !== undefined && project.resolvePath(written) === target) places.push(placeIn(file.model, file.path, other));
    }
  }
  return places;
}

/** A `build.target` or `build.args` key: the stage or ARG in the Dockerfile, and every compose entry naming it. */
function buildPlaces(context: ComposeContext, occurrence: Occurrence): Place[] | undefined {
  const { analysis, document } = context;
  const link = occurrence.service && composeProject({ model: analysis.model, files: context.service.files, path: document.path }).build(occurrence.service);
  const dockerfile = link?.dockerfile;
  if (!link?.dockerfilePath || !dockerfile) return undefined;
  const path = link.dockerfilePath;
  let inDockerfile: { range: Range; declaration: boolean }[];
  if (occurrence.kind === 'target') {
    const stage = dockerfile.stageNamed(occurrence.name);
    inDockerfile = stage ? stageOccurrences(dockerfile, stage) : [];
  } else {
    inDockerfile = dockerfile.variables.definitions.some((d) => d.kind === 'arg' && d.name === occurrence.name) ? variableOccurrences(dockerfile, occurrence.name) : [];
  }
  const kind = occurrence.kind === 'target' ? 'target' : 'arg';
  const composePlaces = buildNames(context.service, path, kind, occurrence.name, { path: document.path, model: analysis.model });
  return [
    ...inDockerfile.map((o) => ({ path, range: o.range, declaration: o.declaration })),
    ...composePlaces.map((p) => ({ path: p.path, range: p.model.lines.rangeOf(p.span[0], p.span[1]), declaration: false })),
  ];
}

function toLocation(context: ComposeContext, place: Place): Location {
  return place.path === undefined ? { uri: context.document.uri, range: place.range } : { path: place.path, range: place.range };
}

function occurrenceAtPosition(context: ComposeContext, position: Position): Occurrence | undefined {
  const model = context.analysis.model;
  if (model.text.length !== context.document.text.length) return undefined;
  return occurrenceAt(model, model.lines.offsetAt(position));
}

export function definition(context: ComposeContext, position: Position): Location[] {
  const occurrence = occurrenceAtPosition(context, position);
  if (!occurrence) return [];
  const places = placesOf(context, occurrence, true) ?? [];
  return places.filter((p) => p.declaration).map((p) => toLocation(context, p));
}

export function references(context: ComposeContext, position: Position, includeDeclaration: boolean): Location[] {
  const occurrence = occurrenceAtPosition(context, position);
  if (!occurrence) return [];
  return (placesOf(context, occurrence) ?? []).filter((p) => includeDeclaration || !p.declaration).map((p) => toLocation(context, p));
}

export function documentHighlights(context: ComposeContext, position: Position): Highlight[] {
  const occurrence = occurrenceAtPosition(context, position);
  if (!occurrence) return [];
  const model = context.analysis.model;
  // This file only: for `build.target` and `build.args`, the entries naming the same stage or ARG.
  return occurrences(model)
    .filter((o) => sameSymbol(o, occurrence))
    .map((o) => ({ range: model.lines.rangeOf(o.span[0], o.span[1]), kind: o.declaration ? ('write' as const) : ('read' as const) }));
}

export function prepareRename(context: ComposeContext, position: Position): PrepareRename | undefined {
  const occurrence = occurrenceAtPosition(context, position);
  if (!occurrence) return undefined;
  const model = context.analysis.model;
  return { range: model.lines.rangeOf(occurrence.span[0], occurrence.span[1]), placeholder: model.text.slice(occurrence.span[0], occurrence.span[1]) };
}

/** Compose names services, networks, volumes, secrets and configs with these characters (the schema's pattern). */
const composeName = /^[a-zA-Z0-9._-]+$/;
/** An anchor name: no blanks, no flow indicators. */
const anchorName = /^[^\s,[\]{}]+$/;
const kindLabel: Record<NameKind, string> = { services: 'service', networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config' };

export function rename(context: ComposeContext, position: Position, newName: string): WorkspaceEdit | string | undefined {
  const occurrence = occurrenceAtPosition(context, position);
  if (!occurrence) return undefined;
  const problem = renameProblem(context, occurrence, newName);
  if (problem) return problem;
  const places = placesOf(context, occurrence);
  if (!places) return `The Dockerfile that service '${occurrence.service?.name ?? ''}' builds cannot be read, so its ${occurrence.kind === 'target' ? 'stage' : 'ARG'} cannot be renamed with it.`;
  const changes: Record<string, TextEdit[]> = {};
  for (const place of places) (changes[place.path ?? context.document.uri] ??= []).push({ range: place.range, newText: newName });
  return { changes };
}

function renameProblem(context: ComposeContext, occurrence: Occurrence, newName: string): string | undefined {
  switch (occurrence.kind) {
    case 'anchor':
      return anchorName.test(newName) ? undefined : `'${newName}' is not a valid anchor name: no spaces, commas or brackets.`;
    case 'target': {
      const link = occurrence.service && composeProject({ model: context.analysis.model, files: context.service.files, path: context.document.path }).build(occurrence.service);
      const dockerfile = link?.dockerfile;
      return dockerfile ? stageNameProblem(dockerfile, dockerfile.stageNamed(occurrence.name), newName) : undefined;
    }
    case 'arg':
      return variableNameProblem(newName);
    case 'extends': {
      if (!composeName.test(newName)) return `'${newName}' is not a valid service name: use letters, digits, '.', '_' and '-'.`;
      const file = extendedFile(context, occurrence);
      if (!file) return `The file that service '${occurrence.service?.name ?? ''}' extends cannot be read, so its service '${occurrence.name}' cannot be renamed.`;
      const project = composeProject({ model: file.model, files: context.service.files, path: file.absolute });
      if (newName !== occurrence.name && project.names('services').has(newName)) return `A service named '${newName}' already exists in ${project.display(file.absolute)}.`;
      return undefined;
    }
    default: {
      if (!composeName.test(newName)) return `'${newName}' is not a valid ${kindLabel[occurrence.kind]} name: use letters, digits, '.', '_' and '-'.`;
      const project = composeProject({ model: context.analysis.model, files: context.service.files, path: context.document.path });
      if (newName !== occurrence.name && project.names(occurrence.kind).has(newName)) return `A ${kindLabel[occurrence.kind]} named '${newName}' already exists.`;
      return undefined;
    }
  }
}
