import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const rootUser: ComposeRule = {
  id: 'root-user',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: '`user: root`, `user: "0"` or `user: "0:0"` on a service.',
    why:
      'Root in a container is root on the host\'s kernel: a container escape or a writable host mount then acts as ' +
      'root on the host. Run as an unprivileged user instead, ideally a numeric one (`user: "10001:10001"`) that the ' +
      'image prepared; leave `user` out if the image already switches to a non-root USER.',
    example: 'services:\n  app:\n    image: node:22-slim\n    user: root\n',
    fixedExample: 'services:\n  app:\n    image: node:22-slim\n    user: "1000:1000"\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      if (!service.user) continue;
      const user = project.interpolate(service.user.text);
      const name = user?.split(':')[0]?.trim();
      if (name !== 'root' && name !== '0') continue;
      report(service.user.node, `Service '${service.name}' runs as root (user: ${service.user.text}); root in a container is root on the host's kernel.`);
    }
  },
};
