import { normalize } from '../../paths';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { isDockerSocket } from './docker-socket-mount';

/** Host folders whose contents give a container control of, or secrets from, the host. */
const sensitive = ['/', '/etc', '/proc', '/sys', '/boot', '/dev', '/root', '/home', '/usr', '/lib', '/bin', '/sbin', '/run', '/var/run', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet'];
/** Sensitive anywhere below: `/var/lib/docker/volumes`, `/etc/ssh`, `/root/.ssh`. */
const sensitiveTrees = ['/var/lib/docker', '/var/lib/containerd', '/root', '/boot', '/etc/ssh', '/etc/kubernetes', '/etc/sudoers.d', '/proc/sys'];
const sensitiveFiles = ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/passwd'];

export function sensitiveHostPath(path: string): boolean {
  if (sensitive.includes(path) || sensitiveFiles.includes(path)) return true;
  return sensitiveTrees.some((tree) => path.startsWith(`${tree}/`));
}

export const sensitiveHostMount: ComposeRule = {
  id: 'sensitive-host-mount',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['kics:1c1325ff-831d-43a1-973e-839ae57dfcc0'],
  docs: {
    finds: 'A bind mount of a sensitive host path: `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/root`, `/var/lib/docker` and the like.',
    why:
      'These folders hold the host\'s configuration, credentials, devices and kernel interfaces, or other containers\' ' +
      'data. A container that can write them can take over the host; one that can read them can read its secrets. ' +
      'Mount only the file or folder the service needs, read-only where possible. The Docker socket has its own rule; ' +
      'single harmless files such as `/etc/localtime` are not reported.',
    example: 'services:\n  backup:\n    image: restic/restic:0.17.3\n    volumes:\n      - /etc:/host-etc:ro\n',
    fixedExample: 'services:\n  backup:\n    image: restic/restic:0.17.3\n    volumes:\n      - /srv/app/data:/data:ro\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const mount of service.volumes) {
        if (mount.type !== 'bind' || mount.source === undefined) continue;
        const source = project.interpolate(mount.source);
        if (source === undefined || !source.startsWith('/')) continue;
        const path = normalize(source);
        if (isDockerSocket(path) || !sensitiveHostPath(path)) continue;
        report(mount.sourceSpan ?? mount.node, `Service '${service.name}' mounts the host's ${path}${mount.readOnly ? ' (read-only)' : ''}: it exposes the host's ${describe(path)} to the container.`);
      }
    }
  },
};

function describe(path: string): string {
  if (path === '/') return 'whole file system';
  if (path.startsWith('/var/lib/docker') || path.startsWith('/var/lib/containerd')) return 'container data, other containers\' included';
  if (path.startsWith('/proc') || path.startsWith('/sys') || path === '/dev') return 'kernel and device interfaces';
  if (path.startsWith('/etc') || path === '/boot') return 'system configuration';
  if (path.startsWith('/root') || path === '/home') return 'home folders and their keys';
  if (path === '/run' || path === '/var/run') return 'runtime sockets (the Docker socket among them)';
  return 'system binaries and libraries';
}
