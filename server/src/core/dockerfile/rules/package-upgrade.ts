import { runsOf } from '../practice/commands';
import { callRange, isLocal, isSubcommand, type ToolCall, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

function isUpgrade(call: ToolCall): boolean {
  switch (call.tool) {
    case 'apt-get':
    case 'apt':
      return isSubcommand(call, 'upgrade', 'dist-upgrade', 'full-upgrade');
    case 'apk':
      return isSubcommand(call, 'upgrade');
    case 'yum':
    case 'dnf':
    case 'microdnf':
      // `yum update` with no package names upgrades everything.
      return (isSubcommand(call, 'update', 'upgrade', 'distro-sync', 'dist-upgrade') && call.operands.length === 0) || isSubcommand(call, 'upgrade-minimal');
    case 'zypper':
      return isSubcommand(call, 'update', 'up', 'dist-upgrade', 'dup', 'patch') && call.operands.length === 0;
    default:
      return false;
  }
}

export const packageUpgrade: DockerfileRule = {
  id: 'package-upgrade',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'info',
  enabledByDefault: false,
  fixable: 'none',
  equivalents: ['hadolint:DL3005', 'hadolint:DL3035'],
  docs: {
    finds: 'A RUN that upgrades all installed packages: `apt-get upgrade`, `apt-get dist-upgrade`, `apk upgrade`, `yum update`, `zypper dist-upgrade`.',
    why:
      'Upgrading everything makes the image depend on the day it was built rather than on the ' +
      'Dockerfile: two builds of the same commit can differ, and the layer cache keeps an old ' +
      'upgrade until something above it changes. Many teams accept that to pick up security fixes ' +
      'between base-image releases, which is why this rule is off by default (hadolint dropped its ' +
      'apt-get variant for the same reason). The alternative is to rebuild on a freshly pulled, ' +
      'pinned base image (`docker build --pull`) and let its maintainers ship the updates, or to ' +
      'upgrade only the package a fix requires (`apt-get install --only-upgrade openssl`).',
    example: 'FROM debian:12\nRUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends --only-upgrade openssl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (isLocal(call.invocation) || !isUpgrade(call)) continue;
        report({
          range: callRange(model, call),
          message: `${call.display} ${call.subcommand?.value ?? ''} upgrades every installed package, so the image depends on the build date rather than on the Dockerfile.`.replace('  ', ' '),
        });
      }
    }
  },
};
