import type { DockerfileRule } from '../rule';

export const maintainerDeprecated: DockerfileRule = {
  id: 'maintainer-deprecated',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL4000', 'buildkit:MaintainerDeprecated'],
  docs: {
    finds: 'The `MAINTAINER` instruction.',
    why:
      '`MAINTAINER` has been deprecated for years. Image metadata belongs in labels, where ' +
      'registries and tools look for it: the Open Container Initiative defines ' +
      '`org.opencontainers.image.authors` for the author.',
    example: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
    fixedExample: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const author = instruction.getArgumentsContent()?.trim() ?? '';
      const argumentsRange = instruction.getArgumentsRange();
      const multiLine = instruction.getRange().start.line !== instruction.getRange().end.line;
      const fix =
        author && argumentsRange && !multiLine
          ? {
              title: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors',
              edits: [
                {
                  range: { start: instruction.getInstructionRange().start, end: argumentsRange.end },
                  newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(author)}`,
                },
              ],
            }
          : undefined;
      report({
        range: instruction.getInstructionRange(),
        message: 'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors="..." instead.',
        ...(fix && { fix }),
      });
    }
  },
};
