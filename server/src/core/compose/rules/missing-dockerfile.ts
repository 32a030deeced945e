import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const missingDockerfile: ComposeRule = {
  id: 'missing-dockerfile',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service whose build context exists but holds no Dockerfile at the path `build.dockerfile` gives (default `Dockerfile`).',
    why:
      '`build.dockerfile` is relative to the build context, not to the compose file, which is a common source of ' +
      '"failed to read dockerfile". Without `dockerfile`, the builder looks for `Dockerfile` in the context.',
    example: 'services:\n  api:\n    image: example/api:1.0\n    build:\n      context: .\n      dockerfile: api.Dockerfile\n',
    fixedExample: 'services:\n  api:\n    image: example/api:1.0\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      const link = project.build(service);
      if (!link || link.inline || link.dockerfile || link.dockerfilePath === undefined || link.contextPath === undefined) continue;
      if (project.listing(link.contextPath) === undefined) continue;
      if (project.fileExists(link.dockerfilePath)) continue;
      const build = service.build;
      const at = build?.dockerfile?.node ?? build?.context?.node ?? build?.entry.keyNode;
      report(at, `Service '${service.name}' builds from ${project.display(link.dockerfilePath)}, which does not exist${build?.dockerfile ? ' (build.dockerfile is relative to the build context)' : ''}.`);
    }
  },
};
