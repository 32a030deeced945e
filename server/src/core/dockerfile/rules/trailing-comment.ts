import type { DockerfileRule } from '../rule';
import { commandsOf, displayName } from '../syntax/commands';
import { execForm } from '../syntax/json-form';
import { syntaxOf } from '../syntax/scan';
import { shellWords } from '../syntax/words';

/**
 * Instructions that take a `#` word literally and say nothing. RUN, CMD, ENTRYPOINT and
 * HEALTHCHECK pass it to the shell, which does treat it as a comment; FROM, EXPOSE,
 * STOPSIGNAL, SHELL and key=value ENV/LABEL refuse it (malformed-arguments, invalid-port,
 * invalid-signal, shell-not-json report those).
 */
const literal = new Set(['ARG', 'ENV', 'LABEL', 'WORKDIR', 'USER', 'VOLUME', 'COPY', 'ADD', 'MAINTAINER']);

export const trailingComment: DockerfileRule = {
  id: 'trailing-comment',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `# comment` after the arguments of `ARG`, `WORKDIR`, `USER`, `VOLUME`, `COPY`, `ADD`, `MAINTAINER` or a legacy `ENV key value`.',
    why:
      'A line is a comment only when `#` is its first character; after an instruction, `#` and the words after it are ' +
      'arguments. `WORKDIR /app # code` creates and enters a directory named `/app # code`, `USER app # non-root` ' +
      'names a user that does not exist, `ARG VERSION=1 # default` also declares build arguments named `#` and ' +
      '`default`, and `COPY app /srv/ # code` copies `app`, `/srv/` and `#` into a folder named `code`. Put the ' +
      'comment on its own line above the instruction.',
    example: 'FROM alpine:3.20\nWORKDIR /app # application code\n',
    fixedExample: 'FROM alpine:3.20\n# application code\nWORKDIR /app\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      const { command, statement } = checked;
      if (!literal.has(command.upper) || command.rest === '') continue;
      const text = statement.line.text;
      const words = shellWords(text, command.restStart, info.escape, command.restEnd);
      const first = words[0];
      if (!first) continue;
      if ((command.upper === 'ENV' || command.upper === 'LABEL') && first.text.includes('=')) continue; // refused outright
      if ((command.upper === 'COPY' || command.upper === 'ADD' || command.upper === 'VOLUME') && execForm(text, command.restStart, command.restEnd).kind !== 'shell') continue;
      // The first argument (and a legacy ENV value's first word) may well start with '#'.
      const skip = command.upper === 'ENV' || command.upper === 'LABEL' ? 2 : 1;
      const hash = words.slice(skip).find((w) => w.text.startsWith('#'));
      if (!hash) continue;
      report({
        range: statement.line.range(hash.start, command.restEnd),
        message: `'${text.slice(hash.start, command.restEnd)}' is part of the ${displayName(checked)} arguments, not a comment: '#' starts a comment only at the beginning of a line, so move it to its own line.`,
      });
    }
  },
};
