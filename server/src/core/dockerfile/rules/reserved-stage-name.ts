import { buildkitFacts } from '../buildkit/facts';
import type { DockerfileRule } from '../rule';

const reserved = new Set(['scratch', 'context']);

export const reservedStageName: DockerfileRule = {
  id: 'reserved-stage-name',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['buildkit:ReservedStageName'],
  docs: {
    finds: 'A stage named `scratch` or `context`.',
    why:
      '`scratch` is the empty base image and `context` is the name of the build context ' +
      '(`docker buildx build --build-context`), so `FROM scratch` and `COPY --from=context` mean ' +
      'something of their own. A stage with one of these names makes every such reference ' +
      'ambiguous. Pick another name.',
    example: 'FROM alpine:3.20 AS scratch\nRUN echo hello > /hello\n',
    fixedExample: 'FROM alpine:3.20 AS base\nRUN echo hello > /hello\n',
  },
  check({ model, report }) {
    for (const from of buildkitFacts(model).froms) {
      const name = from.name?.toLowerCase();
      if (name === undefined || !from.nameRange || !reserved.has(name)) continue;
      report({ range: from.nameRange, message: `Stage name '${from.name}' is reserved: '${name}' already means ${name === 'scratch' ? 'the empty base image' : 'the build context'}.` });
    }
  },
};
