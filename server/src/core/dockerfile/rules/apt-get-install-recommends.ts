import { aptConfiguredBefore, aptSkipsRecommends } from '../practice/apt';
import { runsOf } from '../practice/commands';
import { insertAt } from '../practice/edits';
import { callRange, isApt, isLocal, isSubcommand, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

export const aptGetInstallRecommends: DockerfileRule = {
  id: 'apt-get-install-recommends',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'info',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL3015', 'trivy:DS-0029'],
  docs: {
    finds: '`apt-get install` (or `apt install`) without `--no-install-recommends`.',
    why:
      'By default apt also installs every package that the requested ones merely recommend: ' +
      'documentation tools, extra libraries, sometimes whole toolchains. They make the image larger ' +
      'and give it more software to patch, and the list changes as Debian and Ubuntu update their ' +
      'packages. `--no-install-recommends` installs what is needed and nothing more ' +
      '(`-o APT::Install-Recommends=false` or the same apt setting in a config file works too). ' +
      'The fix is unsafe: if the program relied on a recommended package, name that package explicitly.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (!isApt(call) || !isSubcommand(call, 'install') || call.parsed.opaque || isLocal(call.invocation)) continue;
        if (call.operands.length === 0 || aptSkipsRecommends(call)) continue;
        if (aptConfiguredBefore(model, run.stage, run.instruction, /Install-Recommends/i)) continue;
        report({
          range: callRange(model, call),
          message: `${call.display} install without --no-install-recommends also installs every package the requested ones recommend.`,
          fix: { title: 'Add --no-install-recommends', edits: [insertAt(model, call.subcommand!.end, ' --no-install-recommends')] },
        });
      }
    }
  },
};
