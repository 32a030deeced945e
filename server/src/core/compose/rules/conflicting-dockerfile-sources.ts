import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

export const conflictingDockerfileSources: ComposeRule = {
  id: 'conflicting-dockerfile-sources',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `build` with both `dockerfile` and `dockerfile_inline`.',
    why: 'A build reads its Dockerfile from a file (`dockerfile`) or from the compose file (`dockerfile_inline`), not both; Compose rejects the combination. Keep the one you mean.',
    example: 'services:\n  app:\n    build:\n      dockerfile: Dockerfile.dev\n      dockerfile_inline: |\n        FROM alpine:3.20\n',
    fixedExample: 'services:\n  app:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      const build = service.build;
      if (!build?.dockerfile || !build.dockerfileInline) continue;
      const key = context.model.tree.get(build.entry.value, 'dockerfile_inline')?.keyNode;
      report(key ?? build.dockerfileInline.node, `Service '${service.name}' sets both 'dockerfile' and 'dockerfile_inline'; a build takes one Dockerfile.`);
    }
  },
};
