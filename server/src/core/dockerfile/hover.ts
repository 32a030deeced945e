import type { Instruction } from 'dockerfile-ast';
import { buildNames } from '../compose/builders';
import type { DockerfileContext } from '../feature-context';
import { basename } from '../paths';
import type { Hover } from '../features';
import { containsPosition, type Position, type Range } from '../text';
import { distroLabel } from './distro';
import { flagHoverMarkdown, mountOptionDocs } from './flag-docs';
import { shortRepository } from './image-reference';
import { dockerfileReference, instructionHoverMarkdown } from './instruction-docs';
import type { DockerfileModel, Stage } from './model';
import { effectiveCommandLine, type StageState } from './state';
import type { VariableDefinition, VariableReference } from './variables';

interface FlagLike {
  getName(): string;
  getNameRange(): Range;
  getValueRange(): Range | null;
  getOptions?(): { getName(): string; getNameRange(): Range }[];
}

/** Hover for a Dockerfile: instruction and flag docs, plus what this file makes of them. */
export function dockerfileHover(context: DockerfileContext, position: Position): Hover | undefined {
  const model = context.analysis.model;
  const instruction = model.instructions.find((i) => containsPosition(i.getRange(), position));
  if (!instruction) return undefined;

  const keywordRange = instruction.getInstructionRange();
  if (containsPosition(keywordRange, position)) {
    const base = instructionHoverMarkdown(instruction.getKeyword());
    if (!base) return undefined;
    const context = instructionContext(model, instruction);
    return { markdown: context ? `${base}\n\n---\n\n${context}` : base, range: keywordRange };
  }

  const reference = model.variables.references.find((r) => r.instruction === instruction && containsPosition(r.range, position));
  if (reference) {
    const kind = reference.resolution.kind;
    const setByCompose = kind === 'arg' || kind === 'global-arg' ? composeArgs(context, reference.name) : '';
    return { markdown: variableReferenceMarkdown(reference) + setByCompose, range: reference.range };
  }

  const definition = model.variables.definitions.find((d) => d.instruction === instruction && containsPosition(d.nameRange, position));
  if (definition) return { markdown: variableDefinitionMarkdown(model, definition) + (definition.kind === 'arg' ? composeArgs(context, definition.name) : ''), range: definition.nameRange };

  for (const flag of flagsOf(instruction)) {
    if (containsPosition(flag.getNameRange(), position)) {
      const markdown = flagHoverMarkdown(instruction.getKeyword(), flag.getName().toLowerCase());
      if (markdown) return { markdown, range: flag.getNameRange() };
    }
    for (const option of flag.getOptions?.() ?? []) {
      if (flag.getName().toLowerCase() !== 'mount' || !containsPosition(option.getNameRange(), position)) continue;
      const name = normalizeMountOption(option.getName());
      const doc = mountOptionDocs[name];
      if (doc) return { markdown: `**--mount ${name}**: ${doc}\n\n[Dockerfile reference](${dockerfileReference}#run---mount)`, range: option.getNameRange() };
    }
  }

  const link = model.stageLinks.find((l) => l.instruction === instruction && containsPosition(l.range, position));
  if (link) return { markdown: stageSummary(model, link.used), range: link.range };

  const stage = model.stages.find((s) => s.from === instruction);
  if (stage?.nameRange && containsPosition(stage.nameRange, position)) return { markdown: stageUsers(model, stage) + composeTargets(context, stage), range: stage.nameRange };
  if (stage && containsPosition(stage.baseRange, position) && stage.image) return { markdown: imageMarkdown(model, stage), range: stage.baseRange };
  return undefined;
}

/** The compose services near this Dockerfile whose `build.args` set the ARG, with their values. */
function composeArgs(context: DockerfileContext, name: string): string {
  const path = context.document.path;
  if (path === undefined) return '';
  const places = buildNames(context.service, path, 'arg', name);
  if (places.length === 0) return '';
  const lines = places.map((place) => {
    const value = place.service.build?.args.find((arg) => arg.name === name)?.value;
    return `- \`${place.service.name}\` in \`${basename(place.path ?? '')}\`: ${value === undefined ? 'from the environment Compose runs in' : `\`${value}\``}`;
  });
  return `\n\nCompose \`build.args\` override it:\n\n${lines.join('\n')}`;
}

/** The compose services near this Dockerfile that build this stage with `build.target`. */
function composeTargets(context: DockerfileContext, stage: Stage): string {
  const path = context.document.path;
  if (path === undefined || !stage.name) return '';
  const places = buildNames(context.service, path, 'target', stage.name);
  if (places.length === 0) return '';
  return `\n\nBuilt by compose (\`build.target\`): ${places.map((place) => `\`${place.service.name}\` in \`${basename(place.path ?? '')}\``).join(', ')}.`;
}

function flagsOf(instruction: Instruction): FlagLike[] {
  return (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? [];
}

function normalizeMountOption(name: string): string {
  const lower = name.toLowerCase();
  const aliases: Record<string, string> = { dst: 'target', destination: 'target', src: 'source', readonly: 'ro', readwrite: 'rw' };
  return aliases[lower] ?? lower;
}

function line(range: Range): number {
  return range.start.line + 1;
}

/** What the file makes of this instruction: the effective command, user, workdir, who uses a stage. */
function instructionContext(model: DockerfileModel, instruction: Instruction): string | undefined {
  const keyword = instruction.getKeyword();
  const stage = model.stageAt(instruction.getRange().start.line);
  if (!stage) return undefined;
  const final = model.finalState(stage);
  switch (keyword) {
    case 'CMD':
    case 'ENTRYPOINT': {
      const setting = keyword === 'CMD' ? final.cmd : final.entrypoint;
      const notes: string[] = [];
      if (setting && setting.instruction !== instruction) notes.push(`This ${keyword} is replaced by the one on line ${line(setting.instruction.getRange())}; only the last one of a stage counts.`);
      if (keyword === 'CMD' && final.entrypoint && !final.entrypoint.execForm) notes.push('The shell-form ENTRYPOINT of this stage ignores CMD.');
      return [...notes, effectiveRun(model, stage, final)].join('\n\n');
    }
    case 'USER':
    case 'WORKDIR':
    case 'EXPOSE':
    case 'HEALTHCHECK':
      return effectiveRun(model, stage, final);
    case 'FROM':
      return stage.name ? stageUsers(model, stage) : undefined;
    default:
      return undefined;
  }
}

function effectiveRun(model: DockerfileModel, stage: Stage, state: StageState): string {
  const target = model.stages[model.stages.length - 1] === stage ? 'the image' : `stage \`${stage.name ?? stage.index}\` (with \`--target ${stage.name ?? stage.index}\`)`;
  const argv = effectiveCommandLine(state);
  const lines = [`**A container of ${target} runs**`];
  if (argv) {
    lines.push('```', JSON.stringify(argv), '```');
  } else {
    lines.push(state.commandsFromBaseImage ? '_the base image\'s ENTRYPOINT/CMD (not set in this file)_' : '_nothing: no CMD or ENTRYPOINT is set_');
  }
  lines.push(`- as user: ${state.user ? `\`${state.user.value}\` (line ${line(state.user.instruction.getRange())})` : "the base image's (root unless it sets one)"}`);
  lines.push(`- in: ${state.workdir ? `\`${state.workdir.value}\` (line ${line(state.workdir.instruction.getRange())})` : "the base image's working directory (`/` unless it sets one)"}`);
  if (state.exposes.length > 0) lines.push(`- exposes: ${state.exposes.map((e) => `\`${e.port}\``).join(', ')} (documentation only: publish with \`-p\` or compose \`ports\`)`);
  if (state.healthcheck) lines.push(`- health check: line ${line(state.healthcheck.getRange())}`);
  return lines.join('\n');
}

function stageLabel(stage: Stage): string {
  return stage.name ? `\`${stage.name}\`` : `#${stage.index}`;
}

function stageUsers(model: DockerfileModel, stage: Stage): string {
  const users = model.stageLinks.filter((l) => l.used === stage);
  const lines = [`**Stage ${stageLabel(stage)}**, from \`${stage.baseText}\` (line ${line(stage.from.getRange())})`];
  if (users.length === 0) {
    const last = model.stages[model.stages.length - 1] === stage;
    lines.push(last ? 'It is the last stage: `docker build` makes the image from it.' : 'No other stage uses it: BuildKit skips it unless you build it with `--target`.');
  } else {
    lines.push('Used by:');
    for (const use of users) {
      const how = use.kind === 'from' ? 'FROM' : use.kind === 'copy' ? 'COPY --from' : 'RUN --mount from=';
      lines.push(`- ${how} in stage ${stageLabel(use.user)}, line ${line(use.range)}`);
    }
  }
  return lines.join('\n');
}

function stageSummary(model: DockerfileModel, stage: Stage): string {
  const state = model.finalState(stage);
  return [
    `**Stage ${stageLabel(stage)}** (line ${line(stage.from.getRange())}), from \`${stage.baseText}\``,
    `- ${stage.instructions.length} instruction${stage.instructions.length === 1 ? '' : 's'}; distro: ${distroLabel(state.distro)}`,
    `- final user: ${state.user ? `\`${state.user.value}\`` : 'base image default'}; workdir: ${state.workdir ? `\`${state.workdir.value}\`` : 'base image default'}`,
  ].join('\n');
}

function imageMarkdown(model: DockerfileModel, stage: Stage): string {
  const image = stage.image!;
  const lines = [`**Base image** \`${stage.resolvedBase}\`${stage.resolvedBase !== stage.baseText ? ` (from \`${stage.baseText}\`)` : ''}`];
  lines.push(`- registry: ${image.registry ?? 'Docker Hub (docker.io)'}`);
  lines.push(`- repository: \`${shortRepository(image)}\``);
  lines.push(`- tag: ${image.tag ? `\`${image.tag}\`` : image.digest ? 'none (pinned by digest)' : '_none, so `latest`_'}`);
  if (image.digest) lines.push(`- digest: \`${image.digest}\``);
  lines.push(`- distro family: ${distroLabel(model.finalState(stage).distro)}`);
  return lines.join('\n');
}

function definitionSite(definition: VariableDefinition): string {
  const where = definition.stage ? `stage ${stageLabel(definition.stage)}` : 'the global scope (before the first FROM)';
  return `\`${definition.kind.toUpperCase()} ${definition.name}\` on line ${line(definition.nameRange)}, in ${where}`;
}

function valueText(definition: VariableDefinition): string {
  if (definition.resolvedValue !== undefined) return `\`${definition.resolvedValue}\``;
  if (definition.value !== undefined) return `\`${definition.value}\` (with variables not known until build time)`;
  return definition.kind === 'arg' ? '_no default: empty unless given with `--build-arg`_' : '_empty_';
}

function variableReferenceMarkdown(reference: VariableReference): string {
  const name = `\`$${reference.name}\``;
  const shellNote = reference.expandedByBuilder
    ? ''
    : reference.instruction.getKeyword() === 'RUN'
      ? '\n\nIn RUN, the shell expands it at build time, from the ARG and ENV values below.'
      : `\n\nIn ${reference.instruction.getKeyword()}, the shell expands it when the container starts, where only ENV values (and \`docker run -e\`) exist, not ARGs.`;
  const { resolution } = reference;
  switch (resolution.kind) {
    case 'env':
      return `${name}: ${valueText(resolution.definition)}\n\nSet by ${definitionSite(resolution.definition)}; ENV persists into containers and child stages and is overridden at run time by \`docker run -e\` or compose \`environment\`.${shellNote}`;
    case 'arg':
      return `${name}: ${valueText(resolution.definition)}\n\nDeclared by ${definitionSite(resolution.definition)}; a build argument: \`docker build --build-arg ${reference.name}=...\` or compose \`build.args\` override it. Its scope ends with the stage, and it is not in the container's environment.${shellNote}`;
    case 'global-arg':
      return `${name}: ${valueText(resolution.definition)}\n\nGlobal build argument from ${definitionSite(resolution.definition)}; override it with \`--build-arg\` or compose \`build.args\`.`;
    case 'global-arg-not-redeclared':
      return `${name} is **empty here**: the global ARG on line ${line(resolution.definition.nameRange)} is only visible in FROM lines until this stage declares \`ARG ${reference.name}\`.`;
    case 'predefined':
      return `${name} is predefined by the builder (proxy settings and BuildKit arguments need no declaration).${shellNote}`;
    case 'predefined-not-declared':
      return `${name} is a BuildKit platform argument in the global scope: declare \`ARG ${reference.name}\` in this stage to use it here.`;
    case 'undefined':
      return `${name} is not defined by any ARG or ENV before this line${reference.expandedByBuilder ? '; unless the base image sets it, it expands to an empty string' : ''}.${shellNote}`;
  }
}

function variableDefinitionMarkdown(model: DockerfileModel, definition: VariableDefinition): string {
  const uses = model.variables.references.filter((r) => (r.resolution.kind === 'env' || r.resolution.kind === 'arg' || r.resolution.kind === 'global-arg' || r.resolution.kind === 'global-arg-not-redeclared') && r.resolution.definition === definition);
  const kind =
    definition.kind === 'env'
      ? 'Environment variable: in the image and every container, overridden by `docker run -e` or compose `environment`.'
      : definition.stage
        ? 'Build argument for this stage: set with `--build-arg` or compose `build.args`; never in the container\'s environment, but visible in `docker history`.'
        : 'Global build argument: usable in FROM lines; a stage must declare `ARG ' + definition.name + '` again to use it.';
  return `\`${definition.name}\` = ${valueText(definition)}\n\n${kind}\n\n${uses.length} use${uses.length === 1 ? '' : 's'} in this file.`;
}
