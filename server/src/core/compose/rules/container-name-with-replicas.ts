import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';
import { scalarText } from '../yaml-tree';

export const containerNameWithReplicas: ComposeRule = {
  id: 'container-name-with-replicas',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `container_name` on a service that asks for more than one container (`deploy.replicas` or `scale` above 1).',
    why:
      'Container names are unique on a Docker host, so a fixed `container_name` allows exactly one container: the ' +
      'second replica fails to start. Drop `container_name` (Compose names containers `project-service-N`) or run one replica.',
    example: 'services:\n  worker:\n    image: busybox:1.37\n    container_name: worker\n    deploy:\n      replicas: 3\n',
    fixedExample: 'services:\n  worker:\n    image: busybox:1.37\n    deploy:\n      replicas: 3\n',
  },
  check(context) {
    const { model } = context;
    const report = reporter(context);
    for (const service of model.services) {
      if (!service.containerName) continue;
      const replicas = Number(scalarText(model.tree.get(service.deploy?.value, 'replicas')?.value) ?? scalarText(service.get('scale')?.value) ?? '1');
      if (!(replicas > 1)) continue;
      report(service.containerName.node, `Service '${service.name}' asks for ${replicas} containers but container_name '${service.containerName.text}' allows only one.`);
    }
  },
};
