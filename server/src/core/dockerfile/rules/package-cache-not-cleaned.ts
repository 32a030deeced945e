import { isSameOrParent, mountCovers, type RunInfo, runsHiddenCode, runsOf } from '../practice/commands';
import { appendCommandEdit } from '../practice/edits';
import { parseArgs, specs } from '../practice/options';
import { callRange, isLocal, isSubcommand, type Tool, type ToolCall, toolCalls } from '../practice/package-managers';
import { artifactOnlyStages } from '../practice/stages';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

interface CacheKind {
  tools: readonly Tool[];
  installs: readonly string[];
  /** Where the cache lives, for the message and for `rm` and cache mounts. */
  paths: readonly string[];
  cleanCommand: (call: ToolCall) => string;
  isClean: (call: ToolCall) => boolean;
}

const rpmTools: readonly Tool[] = ['yum', 'dnf', 'microdnf'];

const kinds: readonly CacheKind[] = [
  {
    tools: rpmTools,
    installs: ['install', 'groupinstall', 'localinstall', 'reinstall', 'in'],
    paths: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
    cleanCommand: (call) => `${call.invocation.program} clean all`,
    isClean: (call) => rpmTools.includes(call.tool) && isSubcommand(call, 'clean') && call.operands.some((word) => word.value === 'all'),
  },
  {
    tools: ['zypper'],
    installs: ['install', 'in'],
    paths: ['/var/cache/zypp'],
    cleanCommand: () => 'zypper clean --all',
    isClean: (call) => call.tool === 'zypper' && isSubcommand(call, 'clean', 'cc'),
  },
  {
    tools: ['yarn'],
    installs: ['install'],
    paths: ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/root/.yarn/berry/cache'],
    cleanCommand: () => 'yarn cache clean',
    isClean: (call) => call.tool === 'yarn' && isSubcommand(call, 'cache') && call.operands[0]?.value === 'clean',
  },
];

function isInstall(kind: CacheKind, call: ToolCall): boolean {
  if (!kind.tools.includes(call.tool) || isLocal(call.invocation)) return false;
  // A bare `yarn` (options only) is `yarn install`.
  if (call.tool === 'yarn' && call.subcommand === undefined) return true;
  return call.subcommand !== undefined && kind.installs.includes(call.subcommand.value);
}

export const packageCacheNotCleaned: DockerfileRule = {
  id: 'package-cache-not-cleaned',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3032', 'hadolint:DL3036', 'hadolint:DL3040', 'hadolint:DL3060', 'trivy:DS-0015', 'trivy:DS-0019', 'trivy:DS-0020', 'trivy:DS-0027'],
  docs: {
    finds: 'A RUN that installs with yum, dnf, microdnf, zypper or yarn and does not clean the package manager\'s cache afterwards.',
    why:
      'These package managers keep repository metadata and downloaded packages in a cache ' +
      '(/var/cache/yum or /var/cache/dnf, /var/cache/zypp, yarn\'s cache folder), easily tens or ' +
      'hundreds of megabytes. A file written in a layer stays in the image even if a later RUN deletes ' +
      'it, so clean in the same RUN: `yum clean all`, `dnf clean all`, `microdnf clean all`, ' +
      '`zypper clean --all`, `yarn cache clean`. A BuildKit cache mount on the cache folder works too. ' +
      'Stages that only feed `COPY --from` are not reported. The fix appends the clean command after the last install.',
    example: 'FROM rockylinux:9\nRUN dnf install -y nginx\n',
    fixedExample: 'FROM rockylinux:9\nRUN dnf install -y nginx && dnf clean all\n',
  },
  check({ model, report }) {
    const artifactOnly = artifactOnlyStages(model);
    for (const run of runsOf(model)) {
      if (run.script.hasErrors || artifactOnly.has(run.stage)) continue;
      const calls = toolCalls(model, run);
      for (const kind of kinds) {
        if (kind.paths.some((path) => mountCovers(run.mounts, path)) || (kind.tools.includes('yarn') && yarnCacheMounted(run))) continue;
        const installs = calls.filter((call) => isInstall(kind, call));
        const last = installs[installs.length - 1];
        if (!last || cleanedAfter(model, run, kind, last)) continue;
        const clean = kind.cleanCommand(last);
        const edit = appendCommandEdit(model, run, last.invocation.command.end, clean);
        report({
          range: callRange(model, last),
          message: `${last.display} ${last.subcommand?.value ?? 'install'} leaves its package cache (${cacheShown(last, kind)}) in this layer; run ${clean} in the same RUN.`,
          ...(edit && { fix: { title: `Run ${clean} after the install`, edits: [edit] } }),
        });
      }
    }
  },
};

function cacheShown(call: ToolCall, kind: CacheKind): string {
  if (call.tool === 'dnf') return '/var/cache/dnf';
  return kind.paths[0] ?? 'its cache folder';
}

function yarnCacheMounted(run: RunInfo): boolean {
  return run.mounts.some((mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target !== undefined && /yarn|\/\.cache$/.test(mount.target));
}

function cleanedAfter(model: DockerfileModel, run: RunInfo, kind: CacheKind, install: ToolCall): boolean {
  const start = install.invocation.command.start;
  if (toolCalls(model, run).some((call) => call.invocation.command.start > start && kind.isClean(call))) return true;
  return run.invocations.some((invocation) => {
    if (invocation.command.start <= start) return false;
    if (runsHiddenCode(invocation)) return true;
    if (invocation.program !== 'rm') return false;
    return parseArgs(invocation.args, specs.rm).operands.some((word) => {
      const path = word.value.replace(/\/\*$/, '').replace(/\/+$/, '');
      return kind.paths.some((cache) => path.startsWith(cache) || (path.startsWith('/') && path !== '' && isSameOrParent(path, cache))) || (kind.tools.includes('yarn') && /yarn/.test(path));
    });
  });
}
