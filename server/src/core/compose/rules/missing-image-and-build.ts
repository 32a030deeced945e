import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const missingImageAndBuild: ComposeRule = {
  id: 'missing-image-and-build',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service with neither `image` nor `build` (nor `extends` or a `provider` that could supply them).',
    why:
      'Compose needs an image to create a container: pulled (`image`) or built (`build`). Without either it stops with ' +
      '"has neither an image nor a build context specified". Definitions of the same service in `compose.override.yaml` ' +
      'or the base file count, since Compose merges them; an override file whose base is not beside it is not checked.',
    example: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
  },
  check(context) {
    const project = composeProject(context);
    // An override file whose base could not be read may rely on it for the image.
    if (project.isOverride && !project.base) return;
    const report = reporter(context);
    for (const service of context.model.services) {
      if (!service.node) continue;
      const definitions = project.mergedDefinitions(service.name);
      if (definitions.some((d) => d.image || d.build || d.extends || d.get('provider'))) continue;
      report(service.keyNode, `Service '${service.name}' has neither 'image' nor 'build': Compose cannot create its container.`);
    }
  },
};
