import type { DockerfileRule } from '../rule';
import { exposeEntries, portProblem } from '../syntax/expose';
import { syntaxOf } from '../syntax/scan';

export const invalidPort: DockerfileRule = {
  id: 'invalid-port',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['hadolint:DL3011'],
  docs: {
    finds: 'An `EXPOSE` port that is not a number from 0 to 65535 or a range `start-end`, including a comment written after the ports.',
    why:
      'The builder parses each `EXPOSE` word as `port[-end][/protocol]` and stops at the first one that is not: ' +
      '`invalid containerPort`. Ports are numbers up to 65535; ranges such as `8000-8010` must not run backwards. A `#` ' +
      'after the ports is not a comment (comments must start the line), so `EXPOSE 80 # web` fails on `#`.',
    example: 'FROM nginx:1.27\nEXPOSE 80 # web traffic\nEXPOSE 70000\n',
    fixedExample: 'FROM nginx:1.27\n# web traffic\nEXPOSE 80\nEXPOSE 7000\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const entry of exposeEntries(info)) {
      if (entry.comment) {
        report({ range: entry.wordRange, message: "EXPOSE does not allow a trailing comment: '#' starts a comment only at the beginning of a line, so move it to its own line." });
        continue;
      }
      const problem = portProblem(entry.port);
      if (problem) report({ range: entry.portRange, message: `Invalid EXPOSE port '${entry.text}': ${problem}.` });
    }
  },
};
