import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';
import { isPlainScalar, nodeSpan } from '../yaml-tree';

/** YAML 1.1 reads `digits:digits` with 0-59 after each colon as a base-60 integer. */
const sexagesimal = /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/;

function base60(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part.replace(/_/g, '')), 0);
}

export const unquotedPortMapping: ComposeRule = {
  id: 'unquoted-port-mapping',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['dclint:require-quotes-in-ports'],
  docs: {
    finds: 'An unquoted port mapping such as `2222:22` that a YAML 1.1 parser reads as a base-60 number.',
    why:
      'In YAML 1.1, `xx:yy` where every part after a colon is below 60 is a base-60 integer: `2222:22` is 133342 and ' +
      '`22:22` is 1342. Compose v2 reads YAML 1.2 and gets the string, but older tools, scripts and linters still use YAML ' +
      '1.1 parsers and silently get a number. Quoting the mapping makes it a string for every parser. The fix adds the quotes.',
    example: 'services:\n  ssh:\n    image: linuxserver/openssh-server:9.7\n    ports:\n      - 2222:22\n',
    fixedExample: 'services:\n  ssh:\n    image: linuxserver/openssh-server:9.7\n    ports:\n      - "2222:22"\n',
  },
  check(context) {
    const { model } = context;
    const report = reporter(context);
    for (const service of model.services) {
      for (const port of service.ports) {
        if (!port.short || !isPlainScalar(port.node)) continue;
        const text = port.node.source ?? String(port.node.value);
        if (!sexagesimal.test(text)) continue;
        const span = nodeSpan(port.node);
        if (!span) continue;
        report(port.node, `Unquoted port mapping ${text} is the number ${base60(text)} to a YAML 1.1 parser (base 60); quote it: "${text}".`, {
          title: `Quote "${text}"`,
          edits: [{ range: model.spanRange(span), newText: `"${text}"` }],
        });
      }
    }
  },
};
