import { aptAssumesYes, aptConfiguredBefore, aptSimulates } from '../practice/apt';
import { runsOf } from '../practice/commands';
import { insertAt } from '../practice/edits';
import { callRange, fedByYes, isApt, isLocal, isSubcommand, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

export const aptGetInstallMissingYes: DockerfileRule = {
  id: 'apt-get-install-missing-yes',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3014', 'trivy:DS-0021', 'kics:77783205-c4ca-4f80-bb80-c777f267c547'],
  docs: {
    finds: '`apt-get install` (or `apt install`) without `-y` or another way to answer its confirmation prompt.',
    why:
      'When an install pulls in more than the packages named, apt-get asks "Do you want to continue?". ' +
      'A RUN has no terminal, so apt-get reads end-of-input, prints "Abort." and the build fails, ' +
      'or works today and breaks the day a dependency is added. `-y` (also `--yes`, `--assume-yes`, ' +
      '`-qq`, or `APT::Get::Assume-Yes` in the apt configuration) answers yes. `DEBIAN_FRONTEND=noninteractive` ' +
      'is a different setting: it silences debconf questions, not this prompt.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (!isApt(call) || !isSubcommand(call, 'install') || call.parsed.opaque || isLocal(call.invocation)) continue;
        if (aptAssumesYes(call) || aptSimulates(call) || fedByYes(run, call.invocation)) continue;
        if (aptConfiguredBefore(model, run.stage, run.instruction, /Assume-Yes/i)) continue;
        const subcommand = call.subcommand!;
        report({
          range: callRange(model, call),
          message: `${call.display} install has no -y, so the build aborts whenever it asks to confirm extra packages (a RUN cannot answer prompts).`,
          fix: { title: `Add -y to ${call.display} install`, edits: [insertAt(model, subcommand.end, ' -y')] },
        });
      }
    }
  },
};
