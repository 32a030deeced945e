import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import type { TextValue } from '../service';

export const duplicateContainerName: ComposeRule = {
  id: 'duplicate-container-name',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['dclint:no-duplicate-container-names'],
  docs: {
    finds: 'The same `container_name` on two services.',
    why: 'Container names are unique on a Docker host: the second service fails to start with "the container name is already in use". Give each service its own name, or leave `container_name` out.',
    example: 'services:\n  api:\n    image: node:22-slim\n    container_name: app\n  worker:\n    image: node:22-slim\n    container_name: app\n',
    fixedExample: 'services:\n  api:\n    image: node:22-slim\n    container_name: app-api\n  worker:\n    image: node:22-slim\n    container_name: app-worker\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    const first = new Map<string, { service: string; value: TextValue }>();
    for (const service of context.model.services) {
      const value = service.containerName;
      if (!value) continue;
      const name = project.interpolate(value.text);
      if (name === undefined) continue;
      const earlier = first.get(name);
      if (earlier && earlier.service !== service.name) report(value.node, `Container name '${name}' is already used by service '${earlier.service}'; the second container cannot start.`);
      else if (!earlier) first.set(name, { service: service.name, value });
    }
  },
};
