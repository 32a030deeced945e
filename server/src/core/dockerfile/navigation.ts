// Definition, references, highlights and rename for stages and variables,
// reaching the compose files whose `build.target` / `build.args` name them.
import { buildNames, type ComposePlace } from '../compose/builders';
import type { DockerfileContext } from '../feature-context';
import type { Highlight, Location, PrepareRename, TextEdit, WorkspaceEdit } from '../features';
import { containsPosition, type Position, type Range } from '../text';
import type { DockerfileModel, Stage } from './model';

type Target =
  | { kind: 'stage'; stage: Stage; range: Range }
  | { kind: 'variable'; name: string; range: Range };

/** What the cursor is on: a stage name (declared or used) or a variable (defined or used). */
function targetAt(model: DockerfileModel, position: Position): Target | undefined {
  for (const stage of model.stages) {
    if (stage.nameRange && containsPosition(stage.nameRange, position)) return { kind: 'stage', stage, range: stage.nameRange };
  }
  for (const link of model.stageLinks) {
    if (containsPosition(link.range, position) && isNameReference(model, link.range)) return { kind: 'stage', stage: link.used, range: link.range };
  }
  for (const reference of model.variables.references) {
    if (containsPosition(reference.nameRange, position)) return { kind: 'variable', name: reference.name, range: reference.nameRange };
  }
  for (const definition of model.variables.definitions) {
    if (containsPosition(definition.nameRange, position)) return { kind: 'variable', name: definition.name, range: definition.nameRange };
  }
  return undefined;
}

/** `COPY --from=0` names a stage by index: not a name to rename or highlight as one. */
function isNameReference(model: DockerfileModel, range: Range): boolean {
  const text = model.lines.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
  return !/^\d+$/.test(text);
}

export function stageOccurrences(model: DockerfileModel, stage: Stage): { range: Range; declaration: boolean }[] {
  const uses = model.stageLinks.filter((l) => l.used === stage && isNameReference(model, l.range)).map((l) => ({ range: l.range, declaration: false }));
  return [...(stage.nameRange ? [{ range: stage.nameRange, declaration: true }] : []), ...uses];
}

/** Every definition and use of a variable name; in a Dockerfile ARG and ENV share one namespace. */
export function variableOccurrences(model: DockerfileModel, name: string): { range: Range; declaration: boolean }[] {
  return [
    ...model.variables.definitions.filter((d) => d.name === name).map((d) => ({ range: d.nameRange, declaration: true })),
    ...model.variables.references.filter((r) => r.name === name).map((r) => ({ range: r.nameRange, declaration: false })),
  ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function occurrences(model: DockerfileModel, target: Target): { range: Range; declaration: boolean }[] {
  return target.kind === 'stage' ? stageOccurrences(model, target.stage) : variableOccurrences(model, target.name);
}

export function definition({ analysis, document }: DockerfileContext, position: Position): Location[] {
  const model = analysis.model;
  const target = targetAt(model, position);
  if (!target) return [];
  if (target.kind === 'stage') return target.stage.nameRange ? [{ uri: document.uri, range: target.stage.nameRange }] : [];
  const reference = model.variables.references.find((r) => containsPosition(r.nameRange, position));
  const resolved = reference && 'definition' in reference.resolution ? reference.resolution.definition : undefined;
  if (resolved) return [{ uri: document.uri, range: resolved.nameRange }];
  return model.variables.definitions.filter((d) => d.name === target.name).map((d) => ({ uri: document.uri, range: d.nameRange }));
}

/** The `build.target` or `build.args` entries of compose services building this Dockerfile that name the target. */
function composePlaces(context: DockerfileContext, target: Target): ComposePlace[] {
  const path = context.document.path;
  if (path === undefined) return [];
  if (target.kind === 'stage') return target.stage.name ? buildNames(context.service, path, 'target', target.stage.name) : [];
  // Compose `build.args` set ARGs only; a name that is just an ENV is not theirs.
  if (!context.analysis.model.variables.definitions.some((d) => d.kind === 'arg' && d.name === target.name)) return [];
  return buildNames(context.service, path, 'arg', target.name);
}

export function references(context: DockerfileContext, position: Position, includeDeclaration: boolean): Location[] {
  const { analysis, document } = context;
  const target = targetAt(analysis.model, position);
  if (!target) return [];
  const here = occurrences(analysis.model, target)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: document.uri, range: o.range }));
  const there = composePlaces(context, target).map((p) => ({ path: p.path!, range: p.model.lines.rangeOf(p.span[0], p.span[1]) }));
  return [...here, ...there];
}

export function documentHighlights({ analysis }: DockerfileContext, position: Position): Highlight[] {
  const target = targetAt(analysis.model, position);
  if (!target) return [];
  return occurrences(analysis.model, target).map((o) => ({ range: o.range, kind: o.declaration ? 'write' : 'read' }));
}

export function prepareRename({ analysis }: DockerfileContext, position: Position): PrepareRename | undefined {
  const target = targetAt(analysis.model, position);
  if (!target) return undefined;
  const placeholder = analysis.model.lines.text.slice(analysis.model.lines.offsetAt(target.range.start), analysis.model.lines.offsetAt(target.range.end));
  return { range: target.range, placeholder };
}

const stageName = /^[a-z][a-z0-9_.-]*$/;
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `newName` cannot name `stage` (a new stage when undefined), or undefined when it can. */
export function stageNameProblem(model: DockerfileModel, stage: Stage | undefined, newName: string): string | undefined {
  if (!stageName.test(newName)) return `'${newName}' is not a valid stage name: use lower-case letters, digits, '-', '_' and '.', starting with a letter.`;
  if (newName === 'scratch' || newName === 'context') return `'${newName}' is reserved and cannot name a stage.`;
  if (model.stages.some((s) => s !== stage && s.name?.toLowerCase() === newName)) return `A stage named '${newName}' already exists.`;
  return undefined;
}

export function variableNameProblem(newName: string): string | undefined {
  return variableName.test(newName) ? undefined : `'${newName}' is not a valid variable name: use letters, digits and '_', not starting with a digit.`;
}

export function rename(context: DockerfileContext, position: Position, newName: string): WorkspaceEdit | string | undefined {
  const { analysis, document } = context;
  const model = analysis.model;
  const target = targetAt(model, position);
  if (!target) return undefined;
  const problem = target.kind === 'stage' ? stageNameProblem(model, target.stage, newName) : variableNameProblem(newName);
  if (problem) return problem;
  const changes: Record<string, TextEdit[]> = { [document.uri]: occurrences(model, target).map((o) => ({ range: o.range, newText: newName })) };
  for (const place of composePlaces(context, target)) {
    (changes[place.path!] ??= []).push({ range: place.model.lines.rangeOf(place.span[0], place.span[1]), newText: newName });
  }
  return { changes };
}
