import { buildkitFacts } from '../buildkit/facts';
import type { DockerfileRule } from '../rule';

export const fromAsCasingMismatch: DockerfileRule = {
  id: 'from-as-casing-mismatch',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:FromAsCasing'],
  docs: {
    finds: 'A `FROM ... AS name` line whose `AS` keyword is not in the same case as `FROM`.',
    why:
      'Keywords are case-insensitive, but mixing `FROM` with `as` (or `from` with `AS`) makes ' +
      'the file harder to scan. BuildKit warns about it when `FROM` itself is all upper or all ' +
      'lower case; the quick fix writes `AS` in the case of `FROM`.',
    example: 'FROM node:22-alpine as build\nRUN npm ci\n',
    fixedExample: 'FROM node:22-alpine AS build\nRUN npm ci\n',
  },
  check({ model, report }) {
    for (const from of buildkitFacts(model).froms) {
      const as = from.as;
      if (!as) continue;
      const keyword = from.keyword;
      const lower = keyword === keyword.toLowerCase();
      const upper = keyword === keyword.toUpperCase();
      // A mixed-case FROM is inconsistent-instruction-casing's business.
      if (lower === upper) continue;
      const written = as.getValue();
      const wanted = lower ? written.toLowerCase() : written.toUpperCase();
      if (written === wanted) continue;
      report({
        range: as.getRange(),
        message: `'${written}' and '${keyword}' keywords' casing do not match.`,
        fix: { title: `Write '${wanted}' to match '${keyword}'`, edits: [{ range: as.getRange(), newText: wanted }] },
      });
    }
  },
};
