import type { DockerfileRule } from '../rule';
import { exposeEntries } from '../syntax/expose';
import { syntaxOf } from '../syntax/scan';

export const invalidProtocol: DockerfileRule = {
  id: 'invalid-protocol',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'An `EXPOSE` protocol other than `tcp`, `udp` or `sctp`, such as `80/http`.',
    why:
      'EXPOSE records transport protocols only: `tcp` (the default), `udp` and `sctp`. Anything else, such as `http` or ' +
      '`https`, stops the build with `invalid proto`. Application protocols are not part of the port: `EXPOSE 443` is ' +
      'enough for HTTPS.',
    example: 'FROM nginx:1.27\nEXPOSE 80/http\n',
    fixedExample: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const entry of exposeEntries(info)) {
      if (entry.comment || entry.port === '') continue;
      const protocol = entry.protocol;
      if (protocol === '' || protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') continue;
      report({ range: entry.protocolRange, message: `EXPOSE ${entry.text}: '${entry.protocolText}' is not a protocol; use tcp (the default), udp or sctp.` });
    }
  },
};
