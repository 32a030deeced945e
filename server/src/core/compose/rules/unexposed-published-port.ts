import { exposedPorts, isExposed } from '../dockerfile-link';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { portNumbers } from '../specs';

export const unexposedPublishedPort: ComposeRule = {
  id: 'unexposed-published-port',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'hint',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A published container port that the target stage of the service\'s Dockerfile does not EXPOSE, while it EXPOSEs others.',
    why:
      'EXPOSE publishes nothing, but it documents the port the app listens on. When the Dockerfile says 3000 and the ' +
      'compose file publishes 8000, one of them is usually out of date and the mapping leads nowhere. Only checked when ' +
      'the stage (or a stage it is built FROM) has EXPOSE lines, since a base image may expose ports Dockhand cannot see.',
    example: 'services:\n  web:\n    image: example/web:1.0\n    build:\n      dockerfile_inline: |\n        FROM node:22-slim\n        EXPOSE 3000\n    ports:\n      - "8000:8000"\n',
    fixedExample: 'services:\n  web:\n    image: example/web:1.0\n    build:\n      dockerfile_inline: |\n        FROM node:22-slim\n        EXPOSE 3000\n    ports:\n      - "8000:3000"\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      if (service.ports.length === 0) continue;
      const stage = project.build(service)?.targetStage;
      if (!stage) continue;
      const exposed = exposedPorts(stage);
      if (exposed.unknown || exposed.count === 0) continue;
      const listed = [...exposed.ports, ...exposed.ranges.map((r) => `${r.low}-${r.high}/${r.protocol}`)].join(', ');
      for (const port of service.ports) {
        const target = port.target === undefined ? undefined : project.interpolate(port.target);
        const numbers = target === undefined ? undefined : portNumbers(target);
        if (!numbers || numbers[1] - numbers[0] > 1024) continue;
        for (let number = numbers[0]; number <= numbers[1]; number++) {
          if (isExposed(exposed, number, port.protocol)) continue;
          const stageName = stage.name ? `stage '${stage.name}'` : 'the final stage';
          report(port.targetSpan ?? port.node, `Container port ${number}/${port.protocol} of service '${service.name}' is published, but ${stageName} of its Dockerfile EXPOSEs only ${listed}; check which port the app listens on.`);
          break;
        }
      }
    }
  },
};
