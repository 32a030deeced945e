import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../model';
import { happenedBefore, isSameOrParent, mountCovers, type RunInfo, runsHiddenCode, runsOf } from './commands';
import { copyArgs } from './copy-args';
import { hasOption, optionValues, parseArgs, specs } from './options';
import { aptInstallSubcommands, isApt, isLocal, isSubcommand, type ToolCall, toolCalls } from './package-managers';

const falsy = /^(?:false|no|0|off)$/i;

/** `-o Name=value` / `--option Name=value` values of an apt call, by lower-case name. */
export function aptConfigOptions(call: ToolCall): Map<string, string> {
  const result = new Map<string, string>();
  for (const value of optionValues(call.parsed, '-o', '--option')) {
    const equals = value.indexOf('=');
    if (equals > 0) result.set(value.slice(0, equals).toLowerCase(), value.slice(equals + 1));
  }
  return result;
}

/** True when the call answers apt's prompts itself: -y, --yes, --assume-yes, -qq (quiet level 2 implies -y) or the config option. */
export function aptAssumesYes(call: ToolCall): boolean {
  const parsed = call.parsed;
  for (const option of parsed.options) {
    const name = option.long ? `--${option.name}` : `-${option.name}`;
    if ((name === '-y' || name === '--yes' || name === '--assume-yes') && !(option.value !== undefined && falsy.test(option.value))) return true;
    if ((name === '-q' || name === '--quiet') && option.value === '2') return true;
  }
  if (parsed.options.filter((option) => !option.long && option.name === 'q' && option.value === undefined).length >= 2) return true;
  const assumeYes = aptConfigOptions(call).get('apt::get::assume-yes');
  return assumeYes !== undefined && !falsy.test(assumeYes);
}

/** True for a dry run (`-s`, `--simulate`, `--dry-run`...), which changes nothing and asks nothing. */
export function aptSimulates(call: ToolCall): boolean {
  return hasOption(call.parsed, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--download-only', '-d', '--print-uris');
}

/** True when the call turns recommended packages off: --no-install-recommends or the config option. */
export function aptSkipsRecommends(call: ToolCall): boolean {
  if (hasOption(call.parsed, '--no-install-recommends')) return true;
  if (call.parsed.options.some((option) => option.long && option.name === 'install-recommends' && option.value !== undefined && falsy.test(option.value))) return true;
  const configured = aptConfigOptions(call).get('apt::install-recommends');
  return configured !== undefined && falsy.test(configured);
}

/**
 * True when an earlier RUN of the stage (or a stage it is built FROM) writes an apt
 * setting matching `pattern` (`APT::Get::Assume-Yes "true";` into apt.conf.d), or an
 * earlier COPY/ADD writes into /etc/apt, whose content we cannot see.
 */
export function aptConfiguredBefore(model: DockerfileModel, stage: Stage, instruction: Instruction, pattern: RegExp): boolean {
  return happenedBefore(model, `apt-config:${pattern.source}`, (earlier, run) => writesConfig(earlier, run, pattern, /^\/etc\/apt(?:\/|$)/), stage, instruction);
}

/** A RUN whose script text matches `pattern`, or a COPY/ADD into a destination matching `destination`. */
export function writesConfig(instruction: Instruction, run: RunInfo | undefined, pattern: RegExp, destination: RegExp): boolean {
  if (run) return pattern.test(run.script.source);
  const keyword = instruction.getKeyword();
  return (keyword === 'COPY' || keyword === 'ADD') && destination.test(copyArgs(instruction)?.destination ?? '');
}

/** Subcommands that only refresh or clean the package lists, as opposed to ones that use them. */
const listMaintenance = new Set(['update', 'clean', 'autoclean', 'distclean', 'dist-clean']);

/** apt-get/apt `update` calls of a RUN that affect the RUN (not inside `$(...)`). */
export function aptUpdates(model: DockerfileModel, run: RunInfo): ToolCall[] {
  return toolCalls(model, run).filter((call) => isApt(call) && isSubcommand(call, 'update') && !isLocal(call.invocation));
}

/** apt installs (install, build-dep, upgrade...) of a RUN. */
export function aptInstalls(model: DockerfileModel, run: RunInfo): ToolCall[] {
  return toolCalls(model, run).filter((call) => isApt(call) && call.subcommand !== undefined && aptInstallSubcommands.includes(call.subcommand.value) && !isLocal(call.invocation));
}

/** True when an invocation after `after` could read the package lists: any apt tool other than update/clean, or code we cannot see. */
export function listsUsedAfter(model: DockerfileModel, run: RunInfo, after: number): boolean {
  const calls = new Map(toolCalls(model, run).map((call) => [call.invocation, call]));
  return run.invocations.some((invocation) => {
    if (invocation.command.start <= after) return false;
    if (runsHiddenCode(invocation)) return true;
    if (/^(?:apt-cache|aptitude|apt-mark|apt-file|add-apt-repository|apt-rdepends)$/.test(invocation.program)) return true;
    const call = calls.get(invocation);
    return call !== undefined && isApt(call) && !(call.subcommand !== undefined && listMaintenance.has(call.subcommand.value));
  });
}

const listsPath = '/var/lib/apt/lists';

/** True when a command after `after` deletes the package lists: `rm -rf /var/lib/apt/lists/*`, `apt-get distclean`, `find /var/lib/apt/lists -delete`. */
export function listsRemovedAfter(model: DockerfileModel, run: RunInfo, after: number): boolean {
  const calls = new Map(toolCalls(model, run).map((call) => [call.invocation, call]));
  return run.invocations.some((invocation) => {
    if (invocation.command.start <= after || invocation.place.inSubstitution) return false;
    if (invocation.program === 'rm') return parseArgs(invocation.args, specs.rm).operands.some((word) => removesLists(word.value));
    if (invocation.program === 'find') {
      return invocation.args.some((word) => word.value === '-delete' || word.value === '-exec') && invocation.args.some((word) => removesLists(word.value));
    }
    const call = calls.get(invocation);
    return call !== undefined && isApt(call) && isSubcommand(call, 'distclean', 'dist-clean');
  });
}

function removesLists(path: string): boolean {
  const cleaned = path.replace(/\/\*$/, '').replace(/\/+$/, '');
  return cleaned.startsWith(listsPath) || (cleaned.startsWith('/') && isSameOrParent(cleaned, listsPath));
}

/** True when the RUN mounts a cache or tmpfs over the package lists, which then never reach the layer. */
export function listsMounted(run: RunInfo): boolean {
  return mountCovers(run.mounts, listsPath);
}

/** True when `later` runs after `run`: later in the same stage, or in a stage built FROM it. */
function isAfter(run: RunInfo, later: RunInfo): boolean {
  if (later.stage === run.stage) return later.instruction.getRange().start.line > run.instruction.getRange().start.line;
  for (let stage = later.stage.parent, guard = 0; stage && guard < 64; stage = stage.parent, guard++) if (stage === run.stage) return true;
  return false;
}

/** The RUNs that update or install with apt, in file order; computed once per model. */
function aptRuns(model: DockerfileModel): RunInfo[] {
  return model.derived(findAptRuns);
}

function findAptRuns(model: DockerfileModel): RunInfo[] {
  return runsOf(model).filter((run) => aptUpdates(model, run).length > 0 || aptInstalls(model, run).length > 0);
}

/** The apt RUNs after this one in its stage and in the stages built FROM it. */
function aptRunsAfter(model: DockerfileModel, run: RunInfo): RunInfo[] {
  return aptRuns(model).filter((later) => isAfter(run, later));
}

/**
 * True when a RUN after this one (in its stage or a stage built FROM it) installs with
 * apt before updating, and so relies on the lists this RUN leaves. Computed for all
 * RUNs at once, from the last stage backwards, so that asking for each RUN stays linear.
 */
export function laterInstallWithoutUpdate(model: DockerfileModel, run: RunInfo): boolean {
  return model.derived(laterInstallsWithoutUpdate).get(run) ?? false;
}

function laterInstallsWithoutUpdate(model: DockerfileModel): Map<RunInfo, boolean> {
  const answers = new Map<RunInfo, boolean>();
  const runsByStage = new Map<Stage, RunInfo[]>();
  for (const each of runsOf(model)) runsByStage.set(each.stage, [...(runsByStage.get(each.stage) ?? []), each]);
  // Whether the stage or any stage built FROM it has such an install, filled from the last stage back.
  const anyInSubtree = new Map<Stage, boolean>();
  const children = new Map<Stage, Stage[]>();
  for (const stage of model.stages) if (stage.parent && stage.parent !== stage) children.set(stage.parent, [...(children.get(stage.parent) ?? []), stage]);
  for (const stage of [...model.stages].reverse()) {
    let later = (children.get(stage) ?? []).some((child) => anyInSubtree.get(child) === true);
    const runs = runsByStage.get(stage) ?? [];
    for (let index = runs.length - 1; index >= 0; index--) {
      const current = runs[index]!;
      answers.set(current, later);
      if (installWithoutUpdate(model, current)) later = true;
    }
    anyInSubtree.set(stage, later);
  }
  return answers;
}

/** The first apt install of a RUN that comes before any apt update in that RUN. */
export function installWithoutUpdate(model: DockerfileModel, run: RunInfo): ToolCall | undefined {
  const firstUpdate = aptUpdates(model, run)[0];
  return aptInstalls(model, run).find((call) => !firstUpdate || call.invocation.command.start < firstUpdate.invocation.command.start);
}

/**
 * For a RUN whose last `apt-get update` is not followed by anything that uses the
 * lists, the later RUN that installs from them without its own update; undefined
 * when the update is used in its own RUN or nothing installs later.
 */
export function staleUpdateConsumer(model: DockerfileModel, run: RunInfo): { update: ToolCall; install: ToolCall; run: RunInfo } | undefined {
  const updates = aptUpdates(model, run);
  const update = updates[updates.length - 1];
  if (!update || run.script.hasErrors || listsUsedAfter(model, run, update.invocation.command.start)) return undefined;
  if (listsRemovedAfter(model, run, update.invocation.command.start)) return undefined;
  for (const later of aptRunsAfter(model, run)) {
    if (aptUpdates(model, later).length > 0 && !installWithoutUpdate(model, later)) return undefined;
    const install = installWithoutUpdate(model, later);
    if (install) return { update, install, run: later };
  }
  return undefined;
}
