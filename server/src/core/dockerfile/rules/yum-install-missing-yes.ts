import { happenedBefore, runsOf } from '../practice/commands';
import { rpmAssumesYes, rpmAssumeYesConfig } from '../practice/assume-yes';
import { insertAt } from '../practice/edits';
import { callRange, fedByYes, isLocal, isSubcommand, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

export const yumInstallMissingYes: DockerfileRule = {
  id: 'yum-install-missing-yes',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3030'],
  docs: {
    finds: '`yum install` without `-y`.',
    why:
      'yum asks "Is this ok [y/N]" before installing. A RUN has no terminal, so yum reads ' +
      'end-of-input, answers no, and the build fails with "Exiting on user command". `-y` ' +
      '(`--assumeyes`) answers yes.',
    example: 'FROM centos:7\nRUN yum install httpd && yum clean all\n',
    fixedExample: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (call.tool !== 'yum' || !isSubcommand(call, 'install', 'groupinstall', 'localinstall', 'reinstall') || isLocal(call.invocation) || call.parsed.opaque) continue;
        if (rpmAssumesYes(call) || fedByYes(run, call.invocation)) continue;
        if (happenedBefore(model, 'rpm-assumeyes', (_, earlier) => earlier !== undefined && rpmAssumeYesConfig.test(earlier.script.source), run.stage, run.instruction)) continue;
        report({
          range: callRange(model, call),
          message: `yum ${call.subcommand!.value} has no -y, so the build fails at its "Is this ok [y/N]" prompt (a RUN cannot answer prompts).`,
          fix: { title: 'Add -y', edits: [insertAt(model, call.subcommand!.end, ' -y')] },
        });
      }
    }
  },
};
