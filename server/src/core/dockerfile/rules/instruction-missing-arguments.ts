import type { DockerfileRule } from '../rule';
import { commandsOf, displayName, keywordRange, triggerNote } from '../syntax/commands';
import { execForm } from '../syntax/json-form';
import { syntaxOf } from '../syntax/scan';
import { blankWords, isSpace } from '../syntax/words';

/** What each instruction needs, for messages; instructions missing here accept no arguments. */
const needs: Readonly<Record<string, string>> = {
  ADD: 'a source and a destination, e.g. ADD --checksum=sha256:... https://example.com/app.tar.gz /opt/',
  ARG: 'a name, e.g. ARG VERSION=1.0',
  COPY: 'a source and a destination, e.g. COPY app.py /app/',
  ENV: 'a name and a value, e.g. ENV PORT=8080',
  EXPOSE: 'a port, e.g. EXPOSE 8080',
  FROM: 'a base image, e.g. FROM alpine:3.20',
  HEALTHCHECK: 'CMD and a command, or NONE',
  LABEL: 'a key=value pair, e.g. LABEL org.opencontainers.image.title=app',
  MAINTAINER: 'a name',
  ONBUILD: 'the instruction to run in builds FROM this image, e.g. ONBUILD COPY . /app',
  SHELL: 'a JSON array, e.g. SHELL ["/bin/bash", "-c"]',
  STOPSIGNAL: 'a signal, e.g. STOPSIGNAL SIGTERM',
  USER: 'a user, e.g. USER 10001',
  VOLUME: 'a path, e.g. VOLUME /data',
  WORKDIR: 'a path, e.g. WORKDIR /app',
};

export const instructionMissingArguments: DockerfileRule = {
  id: 'instruction-missing-arguments',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'An instruction without the arguments it needs: `FROM`, `WORKDIR`, `USER`, `ENV` and the like with nothing after them, ' +
      '`COPY`/`ADD` with only one path, `HEALTHCHECK CMD` without a command, `ONBUILD` without an instruction, `SHELL []` or `VOLUME []`.',
    why:
      'The builder stops with `requires at least one argument` (or two for `COPY` and `ADD`, whose last argument is always ' +
      'the destination). This usually comes from a half-written line or from a value that was meant to be on the same line ' +
      'but ended up on the next one. `CMD` and `ENTRYPOINT` may be empty (`CMD []` clears the command) and an empty ' +
      '`RUN` is left alone.',
    example: 'FROM alpine:3.20\nWORKDIR\nCOPY app.py\n',
    fixedExample: 'FROM alpine:3.20\nWORKDIR /app\nCOPY app.py /app/\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      const { command, statement } = checked;
      const need = needs[command.upper];
      if (!need) continue;
      const name = displayName(checked);
      const text = statement.line.text;
      if (command.rest === '') {
        report({ range: keywordRange(statement, command), message: `${name} needs ${need}${triggerNote(checked)}.` });
        continue;
      }
      const form = execForm(text, command.restStart, command.restEnd);
      const restRange = statement.line.range(command.restStart, command.restEnd);
      if ((command.upper === 'SHELL' || command.upper === 'VOLUME') && form.kind === 'json' && form.items.length === 0) {
        report({ range: restRange, message: `${name} [] is empty: ${name} needs ${need}${triggerNote(checked)}.` });
      } else if (command.upper === 'COPY' || command.upper === 'ADD') {
        const args = form.kind === 'json' ? form.items : blankWords(text, command.restStart, command.restEnd);
        if (args.length === 0) {
          report({ range: restRange, message: `${name} needs ${need}${triggerNote(checked)}.` });
        } else if (args.length === 1) {
          const only = args[0]!;
          report({
            range: statement.line.range(only.start, only.end),
            message: `${name} needs a source and a destination, but only '${text.slice(only.start, only.end)}' is given; the last argument is always the destination${triggerNote(checked)}.`,
          });
        }
      } else if (command.upper === 'HEALTHCHECK') {
        let sep = command.restStart;
        while (sep < command.restEnd && !isSpace(text[sep])) sep++;
        if (text.slice(command.restStart, sep).toUpperCase() !== 'CMD') continue;
        let next = sep;
        while (next < command.restEnd && isSpace(text[next])) next++;
        const cmd = execForm(text, next, command.restEnd);
        if (next >= command.restEnd || (cmd.kind === 'json' && cmd.items.length === 0)) {
          report({ range: statement.line.range(command.restStart, command.restEnd), message: `HEALTHCHECK CMD needs a command to run, e.g. HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1${triggerNote(checked)}.` });
        }
      }
    }
  },
};
