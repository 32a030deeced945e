import { copyArgs } from '../practice/copy-args';
import type { DockerfileRule } from '../rule';

export const copyMultipleSourcesToFile: DockerfileRule = {
  id: 'copy-multiple-sources-to-file',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL3021', 'trivy:DS-0011'],
  docs: {
    finds: '`COPY` or `ADD` with several sources and a destination that does not end with `/`.',
    why:
      'With several sources the destination has to be a directory. The classic builder refuses the ' +
      'instruction ("the destination must be a directory and end with a /"). BuildKit accepts it, ' +
      'but when the destination does not exist yet it copies each file source onto the same path, so ' +
      'only the last file survives. A trailing slash (`COPY a.txt b.txt /app/`) says "directory" to ' +
      'both builders. The fix adds the slash; it is unsafe only because the result differs from what ' +
      'BuildKit built before.',
    example: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app\n',
    fixedExample: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const args = copyArgs(instruction);
      if (!args || args.sources.length < 2 || args.destination === undefined) continue;
      const destination = model.substituteAt(instruction, args.destination);
      if (destination === undefined || /[/\\]$|(?:^|\/)\.\.?$/.test(destination)) continue;
      const range = args.destinationRange ?? instruction.getArgumentsRange() ?? instruction.getRange();
      const quoted = /^["']/.test(args.destination);
      report({
        range,
        message: `${keyword} has ${args.sources.length} sources but its destination '${destination}' does not end with '/': the classic builder rejects this, and BuildKit copies every file source onto the same path when it does not exist yet.`,
        ...(args.destinationRange && !quoted && {
          fix: { title: `Add a trailing slash to ${args.destination}`, edits: [{ range: { start: range.end, end: range.end }, newText: '/' }] },
        }),
      });
    }
  },
};
