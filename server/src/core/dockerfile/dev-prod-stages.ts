// "Add dev and prod stages": the last stage becomes the common base of a
// `dev` stage and a `prod` stage, both FROM it. `prod` comes last, so a plain
// `docker build` still builds the same image; `dev` is where development-only
// tools and commands go. Compose services that build this Dockerfile get
// `build.target: prod` (the stage they built before), and a
// `compose.override.yaml` beside them, when there is one, `build.target: dev`:
// Compose applies that file by default, which is how it is used for development.
import type { Node } from 'yaml';
import { type BuildingService, servicesBuilding } from '../compose/builders';
import type { ComposeModel } from '../compose/model';
import { composeProject } from '../compose/project';
import type { Service } from '../compose/service';
import { childStep, eolOf, expandShortBuild, indented, insertAfter, isBlockMap, pairOf, setKey } from '../compose/yaml-edit';
import { isMap, nodeSpan } from '../compose/yaml-tree';
import type { DockerfileContext } from '../feature-context';
import type { CodeAction } from '../features';
import { basename } from '../paths';
import type { TextEdit } from '../text';
import type { DockerfileModel, Stage } from './model';

const title = 'Add dev and prod stages';

function disabled(reason: string): CodeAction {
  return { title, kind: 'refactor', edits: [], disabledReason: reason };
}

/** The first name of the list that no stage has, or that with a number. */
function freeName(model: DockerfileModel, names: readonly string[]): string {
  for (const name of names) if (!model.stageNamed(name)) return name;
  for (let i = 2; ; i++) if (!model.stageNamed(`${names[0]}-${i}`)) return `${names[0]}-${i}`;
}

export function devProdStages(context: DockerfileContext): CodeAction {
  const model = context.analysis.model;
  const last = model.stages[model.stages.length - 1];
  if (!last) return disabled('There is no FROM in this Dockerfile.');
  if (model.stageNamed('dev') && model.stageNamed('prod')) return disabled('This Dockerfile already has dev and prod stages.');
  const lastName = last.name?.toLowerCase();
  if (lastName === 'dev' || lastName === 'prod' || lastName === 'development' || lastName === 'production') {
    return disabled(`The last stage is already named '${last.name}': name it after what it has in common (e.g. 'base') first.`);
  }
  const base = last.name ?? freeName(model, ['base', 'common']);
  const dev = freeName(model, ['dev', 'development']);
  const prod = freeName(model, ['prod', 'production']);
  const edits = dockerfileEdits(model, last, base, dev, prod);
  const otherFiles: NonNullable<CodeAction['otherFiles']> = {};
  const path = context.document.path;
  if (path !== undefined) {
    for (const [file, fileEdits] of composeEdits(context, path, last, dev, prod)) otherFiles[file] = { edits: fileEdits };
  }
  const files = Object.keys(otherFiles).map((file) => basename(file));
  const suffix = files.length > 0 ? ` (and build.target in ${[...new Set(files)].join(', ')})` : '';
  return { title: `${title}${suffix}`, kind: 'refactor', edits, ...(files.length > 0 && { otherFiles }) };
}

function dockerfileEdits(model: DockerfileModel, last: Stage, base: string, dev: string, prod: string): TextEdit[] {
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  if (!last.name) edits.push({ range: { start: last.baseRange.end, end: last.baseRange.end }, newText: ` AS ${base}` });
  const end = model.lines.positionAt(model.text.length);
  const lead = model.text.length === 0 || model.text.endsWith('\n') ? '' : eol;
  const stages = [
    '',
    `# Development: add what only development needs (tools, a dev server command). Build it with --target ${dev}.`,
    `FROM ${base} AS ${dev}`,
    '',
    `# Production: the image as before. The last stage, so a plain docker build builds it.`,
    `FROM ${base} AS ${prod}`,
  ];
  edits.push({ range: { start: end, end }, newText: `${lead}${stages.join(eol)}${eol}` });
  return edits;
}

/** Edits of each compose file near the Dockerfile whose services build its last stage. */
function composeEdits(context: DockerfileContext, path: string, last: Stage, dev: string, prod: string): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  const add = (file: string, edit: TextEdit | undefined): void => {
    if (!edit) return;
    const edits = out.get(file) ?? [];
    // Two insertions at one place (the end of a mapping) become one, in order.
    const same = edits.find((e) => e.newText !== '' && sameRange(e, edit) && e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character);
    if (same) same.newText += edit.newText;
    else edits.push(edit);
    out.set(file, edits);
  };
  const lastName = last.name?.toLowerCase();
  const builtLast = (building: BuildingService): boolean => {
    const target = building.service.build?.target;
    if (!target) return true;
    return !target.interpolated && lastName !== undefined && target.text.toLowerCase() === lastName;
  };
  const files = context.service.files;
  const overrides = new Map<string, { model: ComposeModel; services: Set<string> }>();
  for (const building of servicesBuilding(files, path)) {
    const project = composeProject({ model: building.model, files, path: building.path });
    if (project.isOverride || !builtLast(building)) continue;
    add(building.path, setTarget(building.model, building.service, prod));
    for (const override of project.overrides) {
      const entry = overrides.get(override.path) ?? { model: override.model, services: new Set<string>() };
      entry.services.add(building.service.name);
      overrides.set(override.path, entry);
    }
  }
  for (const [file, { model, services }] of overrides) {
    for (const name of services) add(file, overrideTarget(model, name, dev));
  }
  return out;
}

function sameRange(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

/** `build.target: <stage>` on a service of a compose file, whatever form its `build` has. */
function setTarget(model: ComposeModel, service: Service, stage: string): TextEdit | undefined {
  const map = service.node;
  const pair = map ? pairOf(map, 'build') : undefined;
  if (!map || !pair) return undefined;
  const value = pair.value;
  if (isMap(value)) return setKey(model, value, 'target', stage);
  return expandShortBuild(model, pair, childStep(model, service.keyNode, map), [['target', stage]]);
}

/** In an override file: the service's `build.target`, adding the service or its `build` when missing. */
function overrideTarget(model: ComposeModel, name: string, stage: string): TextEdit | undefined {
  const eol = eolOf(model);
  const service = model.services.find((s) => s.name === name);
  const services = model.root ? pairOf(model.root, 'services') : undefined;
  if (service?.node) {
    const build = pairOf(service.node, 'build');
    if (build && isMap(build.value)) return setKey(model, build.value, 'target', stage);
    if (build) return undefined;
    if (!isBlockMap(service.node)) return undefined;
    const step = childStep(model, service.keyNode, service.node);
    const indent = model.lines.positionAt(nodeSpan(service.node.items[0]!.key)![0]).character;
    const span = nodeSpan(service.node);
    return span && insertAfter(model, span[1], [indented(indent, 'build:'), indented(indent + step, `target: ${stage}`)].join(eol));
  }
  if (service || !services || !isBlockMap(services.value)) return undefined;
  const section = services.value;
  const step = childStep(model, services.key as Node, section);
  const indent = model.lines.positionAt(nodeSpan(section.items[0]!.key)![0]).character;
  const span = nodeSpan(section);
  const lines = [indented(indent, `${name}:`), indented(indent + step, 'build:'), indented(indent + 2 * step, `target: ${stage}`)];
  return span && insertAfter(model, span[1], lines.join(eol));
}
