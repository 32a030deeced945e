import { runsOf } from '../practice/commands';
import { parseArgs, specs } from '../practice/options';
import { lineRange } from '../practice/ranges';
import type { DockerfileRule } from '../rule';

const shPaths = new Set(['/bin/sh', '/usr/bin/sh']);

export const binShRelinked: DockerfileRule = {
  id: 'bin-sh-relinked',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['hadolint:DL4005'],
  docs: {
    finds: 'An `ln` in a RUN that replaces `/bin/sh` with another shell.',
    why:
      'Relinking /bin/sh (`ln -sf /bin/bash /bin/sh`) changes the shell of every script and package ' +
      'maintainer script in the image, not just of your RUN instructions, and it is invisible in the ' +
      'image metadata. The SHELL instruction (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`) changes ' +
      'the shell that RUN, and shell-form CMD and ENTRYPOINT, use, and nothing else.',
    example: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nRUN echo "${BASH_VERSION}"\n',
    fixedExample: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo "${BASH_VERSION}"\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const invocation of run.invocations) {
        if (invocation.program !== 'ln') continue;
        const parsed = parseArgs(invocation.args, specs.ln);
        const directory = parsed.options.find((option) => option.name === 't' || option.name === 'target-directory')?.value;
        const operands = parsed.operands.map((word) => word.value);
        const link = directory !== undefined ? (operands.some((o) => o === 'sh' || o.endsWith('/sh')) && /^\/(?:usr\/)?bin\/?$/.test(directory) ? '/bin/sh' : undefined) : operands.length >= 2 ? operands[operands.length - 1] : undefined;
        if (link === undefined || !shPaths.has(link.replace(/\/+$/, ''))) continue;
        report({
          range: lineRange(model, invocation.command.start, invocation.command.end),
          message: `This ln replaces ${link} for every script in the image; use the SHELL instruction to change the shell of RUN instead.`,
        });
      }
    }
  },
};
