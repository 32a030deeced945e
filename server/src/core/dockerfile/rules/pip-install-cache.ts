import { happenedBefore, isSameOrParent, type RunInfo, runsHiddenCode, runsOf } from '../practice/commands';
import { writesConfig } from '../practice/apt';
import { insertAt } from '../practice/edits';
import { hasOption, parseArgs, specs } from '../practice/options';
import { callRange, isLocal, isSubcommand, type ToolCall, toolCalls } from '../practice/package-managers';
import { artifactOnlyStages } from '../practice/stages';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

export const pipInstallCache: DockerfileRule = {
  id: 'pip-install-cache',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3042'],
  docs: {
    finds: '`pip install` without `--no-cache-dir`, where pip keeps every downloaded and built wheel in its cache inside the layer.',
    why:
      'pip caches downloads and built wheels in ~/.cache/pip so that the next install on the same ' +
      'machine is faster. In an image build there is no next install on that filesystem: the cache ' +
      'only makes the layer larger, often by hundreds of megabytes for scientific packages. ' +
      '`--no-cache-dir`, or `ENV PIP_NO_CACHE_DIR=1`, turns it off. Better still with BuildKit: ' +
      '`RUN --mount=type=cache,target=/root/.cache/pip pip install ...` keeps the cache out of the ' +
      'image and reuses it across builds. Stages that only feed `COPY --from` are not reported.',
    example: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
    fixedExample: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
  },
  check({ model, report }) {
    const artifactOnly = artifactOnlyStages(model);
    for (const run of runsOf(model)) {
      if (run.script.hasErrors || artifactOnly.has(run.stage) || cacheMounted(run) || cacheDisabledBefore(model, run)) continue;
      for (const call of toolCalls(model, run)) {
        if (call.tool !== 'pip' || !isSubcommand(call, 'install') || isLocal(call.invocation) || call.parsed.opaque) continue;
        if (hasOption(call.parsed, '--no-cache-dir') || disabledInRun(run, call) || cacheRemovedAfter(run, call)) continue;
        report({
          range: callRange(model, call),
          message: `${call.display} install without --no-cache-dir leaves pip's download and wheel cache in this layer.`,
          fix: { title: 'Add --no-cache-dir', edits: [insertAt(model, call.subcommand!.end, ' --no-cache-dir')] },
        });
      }
    }
  },
};

/** A BuildKit cache or tmpfs mount over pip's cache (~/.cache/pip, ~/.cache, or any target naming pip). */
function cacheMounted(run: RunInfo): boolean {
  return run.mounts.some((mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target !== undefined && (/pip/i.test(mount.target) || /\/\.cache$/.test(mount.target)));
}

/** PIP_NO_CACHE_DIR in the ENV/ARG scope, or a pip configuration written earlier in the stage. */
function cacheDisabledBefore(model: DockerfileModel, run: RunInfo): boolean {
  const scope = model.variables.scopeBefore(run.instruction);
  if (scope.has('PIP_NO_CACHE_DIR')) return true;
  return happenedBefore(model, 'pip-config', (earlier, earlierRun) => writesConfig(earlier, earlierRun, /config\s+set\s+\S*no-cache-dir|no-cache-dir\s*=/i, /pip\.conf$|\/pip\/?$/), run.stage, run.instruction);
}

/** `PIP_NO_CACHE_DIR=1 pip install`, or `export PIP_NO_CACHE_DIR=...` earlier in the RUN. */
function disabledInRun(run: RunInfo, call: ToolCall): boolean {
  if (call.invocation.assignments.some((a) => a.startsWith('PIP_NO_CACHE_DIR='))) return true;
  return run.invocations.some(
    (invocation) =>
      invocation.command.start < call.invocation.command.start &&
      (invocation.program === 'export' || invocation.program === 'declare') &&
      invocation.args.some((arg) => arg.value.startsWith('PIP_NO_CACHE_DIR=')),
  );
}

/** `rm -rf /root/.cache` or `pip cache purge` after the install, or code we cannot see. */
function cacheRemovedAfter(run: RunInfo, call: ToolCall): boolean {
  const start = call.invocation.command.start;
  return run.invocations.some((invocation) => {
    if (invocation.command.start <= start) return false;
    if (runsHiddenCode(invocation)) return true;
    if (/^pip/.test(invocation.program) && invocation.args[0]?.value === 'cache' && /^(?:purge|remove)$/.test(invocation.args[1]?.value ?? '')) return true;
    if (invocation.program !== 'rm') return false;
    return parseArgs(invocation.args, specs.rm).operands.some((word) => {
      const path = word.value.replace(/\/\*$/, '').replace(/\/+$/, '');
      return /\.cache(?:\/pip)?$/.test(path) || (path.startsWith('/') && isSameOrParent(path, '/root/.cache/pip'));
    });
  });
}
