import { copyArgs } from '../practice/copy-args';
import type { DockerfileRule } from '../rule';

export const relativeCopyDestination: DockerfileRule = {
  id: 'relative-copy-destination',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['hadolint:DL3045'],
  docs: {
    finds: '`COPY` or `ADD` to a relative destination in a stage where no WORKDIR has been set.',
    why:
      'A relative destination is resolved against the working directory, which is `/` unless the base ' +
      'image set one, and base images differ: `COPY . .` puts the sources in `/` on `debian`, in ' +
      '`/go` on `golang`, and somewhere else after the base image changes its WORKDIR. Set ' +
      '`WORKDIR /app` first (it also becomes the directory of RUN, CMD and ENTRYPOINT), or copy to an ' +
      'absolute path.',
    example: 'FROM node:22-slim\nCOPY server.js .\n',
    fixedExample: 'FROM node:22-slim\nWORKDIR /app\nCOPY server.js .\n',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const state = model.state.before(instruction);
        if (!state || state.workdir !== undefined || state.distro === 'windows') continue;
        const args = copyArgs(instruction);
        if (!args?.destination) continue;
        const destination = model.substituteAt(instruction, args.destination.replace(/^(["'])(.*)\1$/, '$2'));
        if (destination === undefined || destination === '' || destination.startsWith('/') || /^[A-Za-z]:[\\/]/.test(destination) || destination.startsWith('\\')) continue;
        report({
          range: args.destinationRange ?? instruction.getArgumentsRange() ?? instruction.getRange(),
          message: `${keyword} to the relative path '${destination}' with no WORKDIR set in this stage lands in the base image's working directory ('/' unless the image sets one); set WORKDIR or use an absolute path.`,
        });
      }
    }
  },
};
