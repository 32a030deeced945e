import { happenedBefore, runsOf } from '../practice/commands';
import { rpmAssumesYes, rpmAssumeYesConfig } from '../practice/assume-yes';
import { insertAt } from '../practice/edits';
import { callRange, fedByYes, isLocal, isSubcommand, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

export const dnfInstallMissingYes: DockerfileRule = {
  id: 'dnf-install-missing-yes',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3038'],
  docs: {
    finds: '`dnf install` or `microdnf install` without `-y`.',
    why:
      'dnf asks "Is this ok [y/N]" before installing, and so does microdnf since version 3.8 (UBI 9 ' +
      'and later). A RUN has no terminal, so the prompt reads end-of-input, the answer is no and the ' +
      'build fails. `-y` (`--assumeyes`) answers yes.',
    example: 'FROM fedora:41\nRUN dnf install nginx && dnf clean all\n',
    fixedExample: 'FROM fedora:41\nRUN dnf install -y nginx && dnf clean all\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if ((call.tool !== 'dnf' && call.tool !== 'microdnf') || isLocal(call.invocation) || call.parsed.opaque) continue;
        if (!isSubcommand(call, 'install', 'groupinstall', 'localinstall', 'reinstall', 'in')) continue;
        if (rpmAssumesYes(call) || fedByYes(run, call.invocation)) continue;
        if (happenedBefore(model, 'rpm-assumeyes', (_, earlier) => earlier !== undefined && rpmAssumeYesConfig.test(earlier.script.source), run.stage, run.instruction)) continue;
        report({
          range: callRange(model, call),
          message: `${call.display} ${call.subcommand!.value} has no -y, so the build fails at its "Is this ok [y/N]" prompt (a RUN cannot answer prompts).`,
          fix: { title: 'Add -y', edits: [insertAt(model, call.subcommand!.end, ' -y')] },
        });
      }
    }
  },
};
