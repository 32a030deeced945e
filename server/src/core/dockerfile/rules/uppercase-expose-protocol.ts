import { buildkitFacts } from '../buildkit/facts';
import { exposedPorts } from '../buildkit/expose';
import type { DockerfileRule } from '../rule';

export const uppercaseExposeProtocol: DockerfileRule = {
  id: 'uppercase-expose-protocol',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:ExposeProtoCasing'],
  docs: {
    finds: 'An `EXPOSE` protocol with upper-case letters, such as `80/TCP`.',
    why:
      'The builder lowercases the protocol, so `80/TCP` and `80/tcp` are the same port, but ' +
      'Docker writes and shows protocols in lower case (`tcp`, `udp`, `sctp`) and BuildKit warns ' +
      'about other spellings. The quick fix lowercases it.',
    example: 'FROM nginx:1.27\nEXPOSE 80/TCP\n',
    fixedExample: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
  },
  check({ model, report }) {
    for (const port of exposedPorts(buildkitFacts(model))) {
      const { protocol, protocolOffset } = port;
      if (!port.checked || protocol === undefined || protocolOffset === undefined || protocol === protocol.toLowerCase()) continue;
      const { line, character } = port.range.start;
      const range = { start: { line, character: character + protocolOffset }, end: { line, character: character + protocolOffset + protocol.length } };
      report({
        range,
        message: `Protocol '${protocol}' in EXPOSE ${port.text} should be lowercase.`,
        fix: { title: `Write ${protocol.toLowerCase()}`, edits: [{ range, newText: protocol.toLowerCase() }] },
      });
    }
  },
};
