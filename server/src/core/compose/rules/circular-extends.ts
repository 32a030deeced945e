import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const circularExtends: ComposeRule = {
  id: 'circular-extends',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service whose `extends` chain, in this file or through `extends.file`, comes back to a service it has passed.',
    why:
      '`extends` copies the configuration of another service, which may extend a third. A chain that comes back to a ' +
      'service it has already passed has no starting point: Compose stops with `Circular reference` and lists the ' +
      'chain. Dockhand follows each chain once and reports the loop on the `extends` of every service that leads into it.',
    example: 'services:\n  web:\n    extends: base\n  base:\n    image: nginx:1.27\n    extends: web\n',
    fixedExample: 'services:\n  web:\n    extends: base\n  base:\n    image: nginx:1.27\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      const cycle = project.extendsCycle(service);
      const ref = service.extends;
      if (!cycle || !ref?.service) continue;
      const shown = cycle.map((step) => (step.path === project.path ? `'${step.service}'` : `'${step.service}' in ${step.path === undefined ? 'another file' : project.display(step.path)}`));
      report(ref.service.node, `Service '${service.name}' extends a loop (${shown.join(' extends ')}); Compose stops with "Circular reference".`);
    }
  },
};
