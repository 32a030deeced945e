import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import { buildkitFacts, predefinedPlatformArgs, rawText } from '../buildkit/facts';
import { expandWord } from '../buildkit/shell-word';
import type { DockerfileRule } from '../rule';

export const relativeWorkdir: DockerfileRule = {
  id: 'relative-workdir',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['buildkit:WorkdirRelativePath', 'hadolint:DL3000', 'trivy:DS-0009'],
  docs: {
    finds: 'A relative `WORKDIR` in a stage where no earlier `WORKDIR` of this Dockerfile set an absolute one.',
    why:
      'A relative `WORKDIR` is resolved against the working directory of the base image, which ' +
      'the image publisher can change at any release: `WORKDIR app` on a base whose directory ' +
      'moves from `/` to `/usr/src` silently lands somewhere else. Start each stage chain with an ' +
      'absolute `WORKDIR`; relative ones after it are fine. `WORKDIR` does no shell expansion, so ' +
      '`~` is a directory named `~`. The quick fix is unsafe: it assumes the base works in `/`.',
    example: 'FROM nginx:1.27 AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n',
    fixedExample: 'FROM nginx:1.27 AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n',
  },
  check({ model, report }) {
    const facts = buildkitFacts(model);
    const env = facts.defaultArgs ?? predefinedPlatformArgs;
    // Whether a stage (with the stages it is built FROM) has set a WORKDIR; BuildKit passes it on to child stages.
    const workdirSet = facts.froms.map(() => false);
    const parents = facts.froms.map((from, index) => {
      const base = expandWord(from.baseText, env, facts.escapeChar).result;
      if (base === undefined) return -1;
      for (let earlier = index - 1; earlier >= 0; earlier--) {
        if (facts.froms[earlier]?.name?.toLowerCase() === base) return earlier;
      }
      return -1;
    });
    let current = -1;
    for (const { instruction, stage } of facts.stageInstructions) {
      if (stage !== current) {
        current = stage;
        const parent = parents[stage] ?? -1;
        workdirSet[stage] = parent >= 0 ? (workdirSet[parent] ?? false) : false;
      }
      if (instruction.getKeyword() !== 'WORKDIR' || workdirSet[stage]) continue;
      workdirSet[stage] = true;
      const range = instruction.getArgumentsRange();
      if (!range) continue;
      const path = rawText(model, range, facts.escapeChar).trim();
      if (!isRelative(path)) continue;
      const fix = absoluteFix(instruction, path);
      report({
        range,
        message: `Relative WORKDIR '${path}' depends on the working directory of the base image, which can change; use an absolute path.`,
        ...(fix && { fix }),
      });
    }
  },
};

function isRelative(path: string): boolean {
  const unquoted = path.replace(/^["']/, '');
  if (unquoted === '' || unquoted.startsWith('/') || unquoted.startsWith('$')) return false;
  // Windows images: C:\app, \app.
  if (/^[A-Za-z]:/.test(unquoted) || unquoted.startsWith('\\')) return false;
  return true;
}

function absoluteFix(instruction: Instruction, path: string): Fix | undefined {
  const range = instruction.getArgumentsRange();
  if (!range || range.start.line !== range.end.line || !/^[A-Za-z0-9_.~@+-][^\s"'$\\]*$/.test(path) || /^\.\.(?:\/|$)/.test(path)) return undefined;
  const absolute = path === '.' || path === './' ? '/' : `/${path.replace(/^\.\//, '')}`;
  return { title: `Use the absolute path ${absolute} (assumes the base image works in /)`, edits: [{ range, newText: absolute }] };
}
