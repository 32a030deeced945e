import { processOf, startsInit } from '../dockerfile-link';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { truthy } from '../service';

export const serviceWithoutInit: ComposeRule = {
  id: 'service-without-init',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'info',
  enabledByDefault: false,
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service without `init: true` whose Dockerfile starts its program as PID 1 with no init (tini, dumb-init) in front of it.',
    why:
      'PID 1 in a container must reap orphaned child processes and gets no default signal handlers, so an app that ' +
      'does not handle SIGTERM ignores `docker compose stop` until it is killed after 10 seconds, and zombies pile up. ' +
      '`init: true` makes Docker run tini as PID 1 in front of the command; installing tini in the image and starting it ' +
      'in ENTRYPOINT works too. Off by default: many apps handle signals themselves.',
    example: 'services:\n  worker:\n    image: example/worker:1.0\n    build:\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        CMD ["python", "-m", "worker"]\n',
    fixedExample: 'services:\n  worker:\n    image: example/worker:1.0\n    init: true\n    build:\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        CMD ["python", "-m", "worker"]\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      if (truthy(service.init?.value) === true) continue;
      const stage = project.build(service)?.targetStage;
      if (!stage) continue;
      const { entrypoint, cmd } = processOf(stage);
      // Nothing set in the Dockerfile: the base image decides, and Dockhand cannot see it.
      if (!entrypoint && !cmd) continue;
      if (startsInit(entrypoint) || (!entrypoint && startsInit(cmd))) continue;
      const what = entrypoint ? 'ENTRYPOINT' : 'CMD';
      report(service.keyNode, `Service '${service.name}' runs its ${what} as PID 1 without an init: zombies are not reaped and SIGTERM may be ignored; set init: true.`);
    }
  },
};
