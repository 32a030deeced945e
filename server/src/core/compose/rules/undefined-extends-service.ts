import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undefinedExtendsService: ComposeRule = {
  id: 'undefined-extends-service',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: '`extends` naming a service that its file (this one, or `extends.file`) does not define.',
    why:
      '`extends` copies the configuration of another service, from the same file or from `extends.file`; Compose stops ' +
      'when that service does not exist. Dockhand reads the other file through the project, so a service renamed there is caught here.',
    example: 'services:\n  base:\n    image: node:22-slim\n  web:\n    extends:\n      service: bsae\n',
    fixedExample: 'services:\n  base:\n    image: node:22-slim\n  web:\n    extends:\n      service: base\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      const target = project.extendsTarget(service);
      if (target?.state !== 'missing' || !service.extends?.service) continue;
      const names = target.model.services.map((s) => s.name);
      const suggestion = closest(service.extends.service.text, names);
      const where = service.extends.file ? `'${service.extends.file.text}'` : 'this file';
      report(service.extends.service.node, `Service '${service.name}' extends '${service.extends.service.text}', which ${where} does not define${suggestion ? `; did you mean '${suggestion}'?` : '.'}`);
    }
  },
};
