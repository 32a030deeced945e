import { buildkitFacts } from '../buildkit/facts';
import { isValidImageName } from '../buildkit/image-name';
import { expandWord } from '../buildkit/shell-word';
import type { DockerfileRule } from '../rule';

export const invalidDefaultArgInFrom: DockerfileRule = {
  id: 'invalid-default-arg-in-from',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['buildkit:InvalidDefaultArgInFrom'],
  docs: {
    finds: 'A `FROM` image built from global build args that, with their default values, gives an empty or invalid image name.',
    why:
      'A Dockerfile should build without any `--build-arg`. When an `ARG` used in `FROM` has no ' +
      'default (or an empty one), `FROM busybox:${TAG}` becomes `FROM busybox:`, which is not an ' +
      'image name, and `docker build .` fails. Give the argument a working default; an empty ' +
      'value is fine where the name stays valid, as in `FROM busybox:stable${VARIANT}`.',
    example: 'ARG TAG\nFROM busybox:${TAG}\nRUN echo hello\n',
    fixedExample: 'ARG TAG=1.36\nFROM busybox:${TAG}\nRUN echo hello\n',
  },
  check({ model, report }) {
    const facts = buildkitFacts(model);
    const env = facts.defaultArgs;
    // BuildKit skips the check when the defaults themselves cannot be evaluated.
    if (!env) return;
    for (const from of facts.froms) {
      if (!from.baseRange || !from.baseText.includes('$')) continue;
      const expanded = expandWord(from.baseText, env, facts.escapeChar);
      if (expanded.result === undefined) return;
      if (isValidImageName(expanded.result)) continue;
      const empty = [...expanded.matched, ...expanded.unmatched].filter((name) => !env.get(name));
      const blame = empty.length > 0 ? ` (${empty.map((name) => `${name} ${env.has(name) ? 'defaults to empty' : 'has no default'}`).join(', ')})` : '';
      const result = expanded.result === '' ? 'an empty name' : `'${expanded.result}', which is not a valid image name`;
      report({
        range: from.baseRange,
        message: `With the default ARG values, base image '${from.baseText}' becomes ${result}${blame}.`,
      });
    }
  },
};
