import { parseImageReference } from '../../dockerfile/image-reference';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const untaggedServiceImage: ComposeRule = {
  id: 'untagged-service-image',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['dclint:service-image-require-explicit-tag'],
  docs: {
    finds: 'A service `image` with no tag and no digest, or with the `latest` tag.',
    why:
      'No tag means `latest`, which the publisher moves with every release: the same compose file starts a different ' +
      'version next month, and a major upgrade of a database image can refuse to open its old data. Pin a version tag ' +
      '(or a digest). Images of services that `build` are not reported: there `image` names what the build produces.',
    example: 'services:\n  cache:\n    image: redis\n',
    fixedExample: 'services:\n  cache:\n    image: redis:7.4-alpine\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      if (!service.image || service.build) continue;
      const text = project.interpolate(service.image.text);
      if (text === undefined || text.trim() === '') continue;
      const image = parseImageReference(text.trim());
      if (image.digest !== undefined) continue;
      if (image.tag === undefined) report(service.image.node, `Image '${text}' of service '${service.name}' has no tag, so it means '${text}:latest', which changes with every release; pin a version.`);
      else if (image.tag === 'latest') report(service.image.node, `Image '${text}' of service '${service.name}' uses the moving 'latest' tag; pin a version.`);
    }
  },
};
