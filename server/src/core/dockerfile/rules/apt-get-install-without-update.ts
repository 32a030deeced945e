import { aptUpdates, installWithoutUpdate, listsMounted, listsRemovedAfter } from '../practice/apt';
import { type RunInfo, runsHiddenCode, runsOf } from '../practice/commands';
import { callRange, isPathOperand } from '../practice/package-managers';
import { shortRepository } from '../image-reference';
import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';

/** Official Debian-based images, which all ship with empty package lists. */
const officialDebianImages = new Set(['debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'gcc']);

type Lists = { state: 'empty'; why: string } | { state: 'present' } | { state: 'unknown' };

export const aptGetInstallWithoutUpdate: DockerfileRule = {
  id: 'apt-get-install-without-update',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: '`apt-get install` in a RUN without `apt-get update`, where the package lists are known to be empty.',
    why:
      'apt installs from the package lists in /var/lib/apt/lists. The official Debian, Ubuntu and ' +
      'language images ship with those lists deleted to keep them small, and a well-written earlier ' +
      'RUN deletes the lists it downloaded. An install that runs without `apt-get update` before it ' +
      'then fails with "Unable to locate package". Run `apt-get update` in the same RUN as the install, ' +
      'which also keeps the lists from going stale in the build cache.',
    example: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    fixedExample: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    const finals = new Map<Stage, Lists>();
    const runsByStage = new Map<Stage, RunInfo[]>();
    for (const run of runsOf(model)) runsByStage.set(run.stage, [...(runsByStage.get(run.stage) ?? []), run]);
    for (const stage of model.stages) {
      let lists = initialLists(model, stage, finals);
      for (const run of runsByStage.get(stage) ?? []) {
        const install = installWithoutUpdate(model, run);
        if (
          lists.state === 'empty' &&
          install &&
          !run.script.hasErrors &&
          !listsMounted(run) &&
          install.operands.some((word) => !isPathOperand(word.value)) &&
          !run.invocations.some((invocation) => invocation.command.start < install.invocation.command.start && runsHiddenCode(invocation))
        ) {
          report({
            range: callRange(model, install),
            message: `${install.display} ${install.subcommand?.value ?? 'install'} runs without ${install.display} update in this RUN, but the package lists are empty here (${lists.why}), so it cannot find packages to install.`,
          });
        }
        lists = listsAfter(model, run, lists);
      }
      finals.set(stage, lists);
    }
  },
};

function initialLists(model: DockerfileModel, stage: Stage, finals: ReadonlyMap<Stage, Lists>): Lists {
  if (stage.parent) return finals.get(stage.parent) ?? { state: 'unknown' };
  const image = stage.image;
  if (!image || (image.registry !== undefined && image.registry !== 'docker.io' && image.registry !== 'index.docker.io')) return { state: 'unknown' };
  const name = shortRepository(image);
  const state = model.state.after(stage.from);
  if (!officialDebianImages.has(name) || state?.distro !== 'debian') return { state: 'unknown' };
  return { state: 'empty', why: `the ${name} image ships without them` };
}

function listsAfter(model: DockerfileModel, run: RunInfo, before: Lists): Lists {
  const updates = aptUpdates(model, run);
  const last = updates[updates.length - 1];
  if (listsMounted(run)) return before;
  if (last) return listsRemovedAfter(model, run, last.invocation.command.start) ? { state: 'empty', why: `line ${run.instruction.getRange().start.line + 1} deletes them` } : { state: 'present' };
  if (listsRemovedAfter(model, run, -1)) return { state: 'empty', why: `line ${run.instruction.getRange().start.line + 1} deletes them` };
  if (run.invocations.some((invocation) => runsHiddenCode(invocation) || invocation.program === 'add-apt-repository')) return { state: 'unknown' };
  return before;
}
