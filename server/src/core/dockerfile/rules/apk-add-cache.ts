import { isSameOrParent, mountCovers, type RunInfo, runsHiddenCode, runsOf } from '../practice/commands';
import { insertAt } from '../practice/edits';
import { hasOption, parseArgs, specs } from '../practice/options';
import { callRange, isLocal, isSubcommand, type ToolCall, toolCalls } from '../practice/package-managers';
import { artifactOnlyStages } from '../practice/stages';
import type { DockerfileRule } from '../rule';

const apkCache = '/var/cache/apk';

export const apkAddCache: DockerfileRule = {
  id: 'apk-add-cache',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3019', 'trivy:DS-0025'],
  docs: {
    finds: '`apk add` without `--no-cache`, and `apk update` whose package index stays in the layer.',
    why:
      '`apk update`, and `apk add` without `--no-cache`, keep the package index in /var/cache/apk. A ' +
      'file written in a layer stays in the image even if a later RUN deletes it, so the index ends up ' +
      'in the image, and an index left by an earlier layer is also a stale one for the next install. ' +
      '`apk add --no-cache` fetches a fresh index, uses it and writes nothing to the cache: no ' +
      '`apk update` and no cleanup needed. A BuildKit cache mount on /var/cache/apk or an ' +
      '`rm -rf /var/cache/apk/*` in the same RUN is fine too. Stages that only feed `COPY --from` are not reported.',
    example: 'FROM alpine:3.20\nRUN apk update && apk add curl\n',
    fixedExample: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
  },
  check({ model, report }) {
    const artifactOnly = artifactOnlyStages(model);
    for (const run of runsOf(model)) {
      if (run.script.hasErrors || artifactOnly.has(run.stage) || mountCovers(run.mounts, apkCache) || mountCovers(run.mounts, '/etc/apk/cache')) continue;
      const calls = toolCalls(model, run).filter((call) => call.tool === 'apk' && !isLocal(call.invocation));
      let updated = false;
      for (const call of calls) {
        const noCache = hasOption(call.parsed, '--no-cache');
        if (isSubcommand(call, 'update') && !noCache) {
          if (!cacheRemovedAfter(run, call)) {
            report({ range: callRange(model, call), message: 'apk update stores the package index in /var/cache/apk, which stays in this layer; use apk add --no-cache instead.' });
          }
          updated = true;
          continue;
        }
        // After `apk update` (reported above), the update's index is what stays behind, not this add's.
        if (!isSubcommand(call, 'add') || noCache || updated || call.parsed.opaque || cacheRemovedAfter(run, call)) continue;
        const fetches = hasOption(call.parsed, '-U', '--update', '--update-cache');
        report({
          range: callRange(model, call),
          message: fetches
            ? 'apk add --update stores the package index in /var/cache/apk, which stays in this layer; use --no-cache.'
            : "apk add without --no-cache keeps apk's package index in /var/cache/apk, where it ends up in the image; use --no-cache.",
          fix: { title: 'Add --no-cache to apk add', edits: [insertAt(model, call.subcommand!.end, ' --no-cache')] },
        });
      }
    }
  },
};

/** True when a command after the call deletes apk's cache (`rm -rf /var/cache/apk/*`) or runs code we cannot see. */
function cacheRemovedAfter(run: RunInfo, call: ToolCall): boolean {
  const start = call.invocation.command.start;
  return run.invocations.some((invocation) => {
    if (invocation.command.start <= start) return false;
    if (runsHiddenCode(invocation)) return true;
    if (invocation.program !== 'rm') return false;
    return parseArgs(invocation.args, specs.rm).operands.some((word) => {
      const path = word.value.replace(/\/\*$/, '').replace(/\/+$/, '');
      return path.startsWith(apkCache) || (path.startsWith('/') && isSameOrParent(path, apkCache));
    });
  });
}
