import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const missingBuildContext: ComposeRule = {
  id: 'missing-build-context',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `build` context folder that does not exist.',
    why:
      'The build context is the folder sent to the builder; a relative path is resolved from the compose file\'s folder, ' +
      'not from where you run `docker compose`. When it does not exist, the build fails before it starts. Remote contexts ' +
      '(Git URLs) are not checked.',
    example: 'services:\n  api:\n    image: example/api:1.0\n    build: ./api\n',
    fixedExample: 'services:\n  api:\n    image: example/api:1.0\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      const link = project.build(service);
      if (!link || link.remote || link.contextPath === undefined) continue;
      if (project.listing(link.contextPath) !== undefined || project.fileExists(link.contextPath)) continue;
      const at = link.contextNode?.node ?? service.build?.entry.keyNode;
      report(at, `The build context of service '${service.name}' (${project.display(link.contextPath)}) does not exist; paths are relative to the compose file.`);
    }
  },
};
