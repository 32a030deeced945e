import type { Fix } from '../../rules/rule';
import { aptInstalls, aptUpdates, laterInstallWithoutUpdate, listsMounted, listsRemovedAfter, staleUpdateConsumer } from '../practice/apt';
import { type RunInfo, runsHiddenCode, runsOf } from '../practice/commands';
import { appendCommandEdit } from '../practice/edits';
import { callRange } from '../practice/package-managers';
import { artifactOnlyStages } from '../practice/stages';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

export const aptListsNotRemoved: DockerfileRule = {
  id: 'apt-lists-not-removed',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3009', 'kics:df746b39-6564-4fed-bf85-e9c44382303c'],
  docs: {
    finds: 'A RUN that runs `apt-get update` and leaves the downloaded package lists in `/var/lib/apt/lists`.',
    why:
      '`apt-get update` downloads the package index of every configured repository, often tens of ' +
      'megabytes. Files left in a layer stay in the image even if a later RUN deletes them, so the ' +
      'lists must go in the same RUN: `apt-get update && apt-get install -y ... && rm -rf ' +
      '/var/lib/apt/lists/*`. (The official Debian and Ubuntu images already clean the downloaded ' +
      '.deb files automatically, but not the lists.) With BuildKit, a cache mount on ' +
      '/var/lib/apt/lists keeps them out of the layer and reuses them across builds. Stages that ' +
      'only feed `COPY --from` are not reported: their layers never ship. The fix appends the `rm` ' +
      'after the last install of the RUN.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    fixedExample: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    const artifactOnly = artifactOnlyStages(model);
    for (const run of runsOf(model)) {
      if (run.script.hasErrors || artifactOnly.has(run.stage) || listsMounted(run)) continue;
      const updates = aptUpdates(model, run);
      const update = updates[updates.length - 1];
      if (!update) continue;
      const after = update.invocation.command.start;
      if (listsRemovedAfter(model, run, after)) continue;
      if (run.invocations.some((invocation) => invocation.command.start > after && runsHiddenCode(invocation))) continue;
      // An update used by nothing in its RUN is apt-get-update-alone's finding.
      if (staleUpdateConsumer(model, run)) continue;
      const fix = listsFix(model, run, after);
      report({
        range: callRange(model, update),
        message: `${update.display} update leaves its package lists in this layer; remove /var/lib/apt/lists/* in the same RUN.`,
        ...(fix && { fix }),
      });
    }
  },
};

function listsFix(model: DockerfileModel, run: RunInfo, after: number): Fix | undefined {
  const installs = aptInstalls(model, run).filter((call) => call.invocation.command.start > after && !call.invocation.place.inSubstitution);
  const last = installs[installs.length - 1];
  if (!last) return undefined;
  // A later RUN that installs without updating first would find no lists after the fix.
  if (laterInstallWithoutUpdate(model, run)) return undefined;
  const edit = appendCommandEdit(model, run, last.invocation.command.end, 'rm -rf /var/lib/apt/lists/*');
  return edit && { title: 'Remove /var/lib/apt/lists/* after the install', edits: [edit] };
}
