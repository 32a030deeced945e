import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { truthy } from '../service';

/** `/var/run/docker.sock`, `/run/docker.sock`, a rootless `/run/user/1000/docker.sock`. */
export function isDockerSocket(path: string): boolean {
  return /(?:^|\/)docker\.sock$/.test(path.replace(/\/+$/, ''));
}

export const dockerSocketMount: ComposeRule = {
  id: 'docker-socket-mount',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['kics:d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b'],
  docs: {
    finds: 'A service that mounts the Docker socket (`/var/run/docker.sock` or `/run/docker.sock`), or gets the Docker API with `use_api_socket: true`.',
    why:
      'The Docker socket is the daemon\'s full API: whoever can talk to it can start a privileged container that mounts ' +
      'the host\'s root file system, so a process in this container is root on the host. `:ro` does not help, since the ' +
      'API is used over the socket, not by writing the file. When a tool needs Docker, give it a socket proxy that allows ' +
      'only the calls it needs.',
    example: 'services:\n  agent:\n    image: portainer/agent:2.21.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
    fixedExample: 'services:\n  agent:\n    image: portainer/agent:2.21.0\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      const api = service.get('use_api_socket');
      if (api && truthy(api.value) === true) {
        report(api.value ?? api.keyNode, `Service '${service.name}' gets the Docker API (use_api_socket): whoever controls this container controls the Docker daemon, which is root on the host.`);
      }
      for (const mount of service.volumes) {
        if (mount.type !== 'bind' || mount.source === undefined) continue;
        const source = project.interpolate(mount.source);
        if (source === undefined || !isDockerSocket(source)) continue;
        report(mount.sourceSpan ?? mount.node, `Service '${service.name}' mounts the Docker socket ${source}: whoever controls this container controls the Docker daemon, which is root on the host${mount.readOnly ? ' (read-only does not limit the API)' : ''}.`);
      }
    }
  },
};
