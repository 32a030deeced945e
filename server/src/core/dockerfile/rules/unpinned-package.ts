import { hasExpansion, runsOf } from '../practice/commands';
import { hasOption } from '../practice/options';
import { callRange, isLocal, isPathOperand, isSubcommand, type ToolCall, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

const url = /^(?:[a-z+]+:\/\/|git\+|git@)/i;

/** The package operands of an install that name no version; undefined when the call installs nothing by name. */
function unpinned(call: ToolCall): string[] | undefined {
  const names = (test: (value: string) => boolean) =>
    call.operands.filter((word) => !hasExpansion(word) && !isPathOperand(word.value) && !url.test(word.value)).map((word) => word.value).filter((value) => !test(value));
  switch (call.tool) {
    case 'apt-get':
    case 'apt':
      return isSubcommand(call, 'install') ? names((v) => v.includes('=')) : undefined;
    case 'apk':
      return isSubcommand(call, 'add') ? names((v) => /[=~<>]/.test(v)) : undefined;
    case 'pip':
      if (!isSubcommand(call, 'install') || hasOption(call.parsed, '-c', '--constraint')) return undefined;
      return names((v) => /[=<>!~@]/.test(v));
    case 'npm':
      // `npm install` without names installs the locked project dependencies.
      return isSubcommand(call, 'install', 'i', 'add') ? names((v) => /^@?[^@]+@.+/.test(v)) : undefined;
    case 'gem':
      if (!isSubcommand(call, 'install') || hasOption(call.parsed, '-v', '--version')) return undefined;
      return names((v) => v.includes(':'));
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return isSubcommand(call, 'install') ? names((v) => /-\d/.test(v) || v.startsWith('@')) : undefined;
    case 'zypper':
      return isSubcommand(call, 'install', 'in') ? names((v) => /[=<>]/.test(v)) : undefined;
    case 'go':
      return isSubcommand(call, 'install') ? names((v) => /@(?!latest$)./.test(v) || !v.includes('/')) : undefined;
    default:
      return undefined;
  }
}

const howToPin: Partial<Record<ToolCall['tool'], string>> = {
  'apt-get': 'name=version',
  apt: 'name=version',
  apk: 'name=version',
  pip: 'name==version or a constraints file',
  npm: 'name@version',
  gem: 'name:version or -v',
  yum: 'name-version',
  dnf: 'name-version',
  microdnf: 'name-version',
  zypper: 'name=version',
  go: 'path@version',
};

export const unpinnedPackage: DockerfileRule = {
  id: 'unpinned-package',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  enabledByDefault: false,
  fixable: 'none',
  equivalents: ['hadolint:DL3008', 'hadolint:DL3013', 'hadolint:DL3016', 'hadolint:DL3018', 'hadolint:DL3028', 'hadolint:DL3033', 'hadolint:DL3037', 'hadolint:DL3041', 'hadolint:DL3062'],
  docs: {
    finds: 'Packages installed by name without a version: apt, apk, pip, npm, gem, yum/dnf, zypper and `go install`.',
    why:
      'Without a version, each build installs whatever is newest that day, so two builds of the same ' +
      'Dockerfile can differ and a new release can break the image without any change on your side. ' +
      'Pinning (`curl=8.5.0-2`, `requests==2.32.3`) makes builds reproducible, at the cost of updating ' +
      'the pins yourself, and distribution repositories drop old versions, so apt and apk pins can ' +
      'break builds too. That trade-off is why this rule is off by default; for language packages, a ' +
      'lock or constraints file is usually the better tool.',
    example: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n',
    fixedExample: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests==2.32.3\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (isLocal(call.invocation)) continue;
        const names = unpinned(call);
        if (!names || names.length === 0) continue;
        if (call.tool === 'go') names.splice(0, names.length, ...names.map((name) => name.replace(/@latest$/, '')));
        const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
        report({
          range: callRange(model, call),
          message: `${call.display} ${call.subcommand?.value ?? ''} names ${shown} without a version (pin as ${howToPin[call.tool] ?? 'a version'}), so rebuilds may install different versions.`,
        });
      }
    }
  },
};
