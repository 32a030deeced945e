import { buildkitFacts } from '../buildkit/facts';
import type { DockerfileRule } from '../rule';

export const duplicateStageName: DockerfileRule = {
  id: 'duplicate-stage-name',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['buildkit:DuplicateStageName', 'hadolint:DL3024', 'trivy:DS-0012'],
  docs: {
    finds: 'A stage name used by an earlier `FROM ... AS` line too (names are compared case-insensitively).',
    why:
      'Stage names identify stages for `COPY --from`, `RUN --mount=from=`, `FROM <stage>` and ' +
      '`docker build --target`. With two stages of the same name, each reference silently picks ' +
      'one of them depending on where it stands, so a rename or a reorder changes what gets ' +
      'built. Give every stage its own name.',
    example: 'FROM node:22 AS build\nRUN npm ci\n\nFROM node:22 AS build\nRUN npm run build\n',
    fixedExample: 'FROM node:22 AS deps\nRUN npm ci\n\nFROM node:22 AS build\nRUN npm run build\n',
  },
  check({ model, report }) {
    const seen = new Map<string, number>();
    for (const from of buildkitFacts(model).froms) {
      if (from.name === undefined || !from.nameRange) continue;
      const key = from.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, from.keywordRange.start.line);
        continue;
      }
      report({
        range: from.nameRange,
        message: `Duplicate stage name '${key}': line ${first + 1} already declares it, and stage names should be unique.`,
      });
    }
  },
};
