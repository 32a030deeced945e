import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { addTopLevelEntry, reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undefinedNetwork: ComposeRule = {
  id: 'undefined-network',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds: 'A service network that is not declared under the top-level `networks:`.',
    why:
      'Every network a service joins, except `default`, must be declared under the top-level `networks:` key; Compose ' +
      'otherwise stops with "service refers to undefined network". The fix declares the network with default settings; ' +
      'if the name is a typo of an existing network, correct it instead.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      - frontend\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      - frontend\nnetworks:\n  frontend: {}\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('networks');
    const report = reporter(context);
    for (const service of model.services) {
      for (const network of service.networks) {
        if (network.name === 'default' || names.has(network.name) || network.name.includes('$')) continue;
        const suggestion = closest(network.name, [...names]);
        const edit = addTopLevelEntry(model, 'networks', network.name);
        report(
          network.span ?? network.node,
          `Service '${service.name}' joins network '${network.name}', which is not declared under the top-level networks${suggestion ? `; did you mean '${suggestion}'?` : '.'}`,
          edit && { title: `Declare network '${network.name}'`, edits: [edit] },
        );
      }
    }
  },
};
