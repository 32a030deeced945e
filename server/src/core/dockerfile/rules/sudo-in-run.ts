import { basename, runsOf } from '../practice/commands';
import type { DockerfileRule } from '../rule';

export const sudoInRun: DockerfileRule = {
  id: 'sudo-in-run',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['hadolint:DL3004', 'trivy:DS-0010', 'checkov:CKV2_DOCKER_1'],
  docs: {
    finds: '`sudo` in a RUN instruction.',
    why:
      'RUN already runs as root unless a USER instruction says otherwise, so `sudo` adds nothing but ' +
      'a dependency on the sudo package, its configuration and a TTY-less password prompt that can ' +
      'hang or fail the build. It also suggests that the image grants sudo to its runtime user, which ' +
      'defeats running as non-root. Run the root steps before `USER app` (or switch with `USER root` and ' +
      'back), and use `gosu` or `su-exec` in an entrypoint that must drop privileges at run time.',
    example: 'FROM ubuntu:24.04\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const invocation of run.invocations) {
        const word = invocation.command.nameWord;
        if (basename(word.value) !== 'sudo') continue;
        const user = model.state.before(run.instruction)?.user?.value;
        report({
          range: model.lines.rangeOf(word.start, word.end),
          message:
            user && user !== 'root' && user !== '0'
              ? `sudo in a RUN that runs as '${user}': switch with 'USER root' for the root steps instead of relying on sudo in the image.`
              : "sudo in a RUN that already runs as root adds nothing but the sudo package and a password prompt that can hang the build.",
        });
      }
    }
  },
};
