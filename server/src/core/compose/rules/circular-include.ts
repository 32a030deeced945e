import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const circularInclude: ComposeRule = {
  id: 'circular-include',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A top-level `include` that leads, through the files it includes, back to a file already being included.',
    why:
      '`include` loads another Compose file, and that file may include more. When the chain comes back to a file it ' +
      'has passed through, Compose stops with `include cycle detected` and nothing starts. Dockhand reads each ' +
      'included file once, so the loop costs nothing here, and reports it on the `include` entry that enters it.',
    example: 'include:\n  - shared/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
    fixedExample: 'include:\n  - shared/db.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const { node, chain } of project.includeCycles()) {
      const shown = chain.map((path) => (path === (context.path ?? '') ? 'this file' : project.display(path)));
      const back = chain[chain.length - 1] === chain[0] ? 'back to this file' : `into a loop at ${shown[shown.length - 1]}`;
      report(node, `This include leads ${back} (${shown.join(' includes ')}); Compose stops with "include cycle detected".`);
    }
  },
};
