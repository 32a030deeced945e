import { staleUpdateConsumer } from '../practice/apt';
import { runsOf } from '../practice/commands';
import { callRange } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

export const aptGetUpdateAlone: DockerfileRule = {
  id: 'apt-get-update-alone',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['trivy:DS-0017', 'checkov:CKV_DOCKER_5', 'kics:9bae49be-0aa3-4de5-bab2-4c3a069e40cd'],
  docs: {
    finds: 'An `apt-get update` in one RUN whose package lists a later RUN installs from.',
    why:
      'The build cache reuses a RUN as long as its text does not change. `RUN apt-get update` on its ' +
      'own is therefore cached with the package lists of the day it first ran, and a later ' +
      '`RUN apt-get install` that you edit runs against those old lists: it installs outdated ' +
      'versions or fails with 404 errors once the mirrors have moved on. Updating and installing in ' +
      'the same RUN (`apt-get update && apt-get install -y ...`) refreshes the lists whenever the ' +
      'install list changes.',
    example: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      const stale = staleUpdateConsumer(model, run);
      if (!stale) continue;
      const line = stale.run.instruction.getRange().start.line + 1;
      report({
        range: callRange(model, stale.update),
        message: `${stale.update.display} update runs without an install in this RUN, so the ${stale.install.display} ${stale.install.subcommand?.value ?? 'install'} on line ${line} can use stale package lists from the build cache.`,
      });
    }
  },
};
