import { buildkitFacts } from '../buildkit/facts';
import { exposedPorts } from '../buildkit/expose';
import type { DockerfileRule } from '../rule';

export const exposeHostPort: DockerfileRule = {
  id: 'expose-host-port',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:ExposeInvalidFormat'],
  docs: {
    finds: 'An `EXPOSE` port with a host port or an IP address, such as `8080:80` or `127.0.0.1:80:80`.',
    why:
      '`EXPOSE` only records which container ports the app listens on; it publishes nothing, ' +
      'and an image cannot choose ports or addresses on the host. The builder keeps the ' +
      'container port and drops the rest, and BuildKit will reject the form in a future ' +
      'release. Publish with `docker run -p 8080:80` or compose `ports:`. The quick fix keeps ' +
      'the container port, which is all the image ever recorded.',
    example: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
    fixedExample: 'FROM nginx:1.27\nEXPOSE 80\n',
  },
  check({ model, report }) {
    for (const port of exposedPorts(buildkitFacts(model))) {
      if (!port.checked || (port.ip === '' && port.hostPort === '')) continue;
      const what = port.ip === '' ? 'a host port' : 'a host address and port';
      report({
        range: port.range,
        message: `EXPOSE ${port.text} gives ${what}; EXPOSE takes only the container port (and protocol), so write ${port.container || 'the container port'}.`,
        ...(port.container !== '' && {
          fix: { title: `Keep only the container port ${port.container}`, edits: [{ range: port.range, newText: port.container }] },
        }),
      });
    }
  },
};
