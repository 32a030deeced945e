import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { isScalar, subSpan } from '../yaml-tree';

export const undefinedVolumesFromService: ComposeRule = {
  id: 'undefined-volumes-from-service',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `volumes_from` entry naming a service the project does not define.',
    why:
      '`volumes_from: [NAME]` mounts all volumes of another service of the project; Compose stops when there is no such ' +
      'service. A container started outside the project is written `container:NAME`.',
    example: 'services:\n  data:\n    image: busybox:1.37\n    volumes:\n      - /data\n  app:\n    image: busybox:1.37\n    volumes_from:\n      - dat\n',
    fixedExample: 'services:\n  data:\n    image: busybox:1.37\n    volumes:\n      - /data\n  app:\n    image: busybox:1.37\n    volumes_from:\n      - data\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('services');
    const report = reporter(context);
    for (const service of model.services) {
      for (const item of service.volumesFrom) {
        if (item.interpolated || item.text.startsWith('container:')) continue;
        const name = item.text.replace(/:(?:ro|rw)$/, '');
        if (names.has(name)) continue;
        report(isScalar(item.node) ? subSpan(item.node, model.text, 0, name.length) : item.node, `Service '${service.name}' takes volumes from '${name}', which is not a service of this project (write 'container:${name}' for a container outside it).`);
      }
    }
  },
};
