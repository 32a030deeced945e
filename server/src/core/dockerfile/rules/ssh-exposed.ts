import type { DockerfileRule } from '../rule';
import { allRunCommands, baseName, wordRange } from '../security/commands';
import { packageName, packageOperation } from '../security/packages';

/** SSH servers by package name, per package manager; `openssh` is the server only on Alpine and Arch. */
function isSshServerPackage(manager: string, name: string): boolean {
  if (name === 'openssh-server' || name === 'dropbear' || name === 'dropbear-ssh' || name === 'tinyssh') return true;
  return manager === 'apk' && name === 'openssh';
}

export const sshExposed: DockerfileRule = {
  id: 'ssh-exposed',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['trivy:DS-0004', 'checkov:CKV_DOCKER_1', 'kics:5907595b-5b6d-4142-b173-dbb0e73fbff8'],
  docs: {
    finds: '`EXPOSE 22`, an SSH server installed with a package manager (`openssh-server`, `dropbear`), or `sshd` started by `CMD`/`ENTRYPOINT`.',
    why:
      'An SSH server in a container is one more daemon to patch, one more login to guard, and ' +
      'usually a sign that the image is treated like a virtual machine. `docker exec -it CONTAINER sh` ' +
      '(or `kubectl exec`) already opens a shell in a running container, with the access control of ' +
      'the Docker or Kubernetes API, and copying files works with `docker cp`. Note that `EXPOSE` ' +
      'publishes nothing by itself: `docker run -p` or compose `ports:` does, and containers on one ' +
      'network reach each other on any port, so an sshd is reachable whether or not port 22 is exposed.',
    example: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*\nEXPOSE 22\n',
    fixedExample: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const argument of instruction.getArguments()) {
        const port = model.substituteAt(instruction, argument.getValue()) ?? argument.getValue();
        if (!/^22(?:\/tcp)?$/i.test(port.trim())) continue;
        report({ range: argument.getRange(), message: 'EXPOSE 22 advertises an SSH port; use docker exec to get a shell in a container instead of running an SSH server.' });
      }
    }
    for (const command of allRunCommands(model)) {
      const operation = packageOperation(command);
      if (operation?.action !== 'install') continue;
      for (const word of operation.packages) {
        const name = packageName(word.value);
        if (!isSshServerPackage(operation.manager, name)) continue;
        report({ range: wordRange(model, word), message: `${name} installs an SSH server in the image; use docker exec to get a shell in a container instead.` });
      }
    }
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const setting = model.state.after(instruction)?.[keyword === 'CMD' ? 'cmd' : 'entrypoint'];
        const first = setting?.execForm ? setting.argv[0] : (instruction.getArgumentsContent() ?? '').trim().split(/\s+/)[0];
        if (!first || !/^(?:sshd|dropbear)$/.test(baseName(first))) continue;
        report({ range: instruction.getArgumentsRange() ?? instruction.getRange(), message: `${keyword} starts an SSH server (${baseName(first)}); use docker exec to get a shell in a container instead.` });
      }
    }
  },
};
