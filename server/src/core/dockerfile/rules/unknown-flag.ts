import type { DockerfileRule } from '../rule';
import { commandsOf, displayName, flagNameRange, flagsAreRead, sentence, triggerNote } from '../syntax/commands';
import { instructionFlags } from '../syntax/flags';
import { flagSpec, syntaxOf } from '../syntax/scan';
import { closest } from '../syntax/words';

export const unknownFlag: DockerfileRule = {
  id: 'unknown-flag',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'A `--flag` that the instruction does not have, such as `ADD --from`, `COPY --checksum` or a misspelled `--chmod`, ' +
      'and a flag newer than the Dockerfile syntax version pinned by `# syntax=`.',
    why:
      'The builder refuses the file with `unknown flag`. Flags are instruction-specific: `FROM --platform`; `RUN --mount`, ' +
      '`--network`, `--security`, `--device`; `COPY --from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude`; ' +
      '`ADD --chown`, `--chmod`, `--link`, `--checksum`, `--keep-git-dir`, `--unpack`, `--exclude`; and the `HEALTHCHECK` ' +
      'timings. The other instructions take none: a shell-form `CMD --help` is read as a flag, so use exec form ' +
      '`CMD ["--help"]`. Most of these flags need BuildKit, the default builder since Docker 23.0 (the legacy builder ' +
      'knows only a few, such as `COPY --from`, `--chown` and `FROM --platform`), and newer ones need a recent Dockerfile ' +
      'syntax: `--unpack` 1.17, `--exclude` 1.19, `--parents` and `--security` 1.20 (earlier in the `-labs` channel). ' +
      '`# syntax=docker/dockerfile:1` always gets the latest stable syntax.',
    example: 'FROM alpine:3.20\nADD --from=builder /app /app\n',
    fixedExample: 'FROM alpine:3.20 AS builder\nRUN mkdir /app\n\nFROM alpine:3.20\nCOPY --from=builder /app /app\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    const syntax = info.syntax;
    for (const checked of commandsOf(info)) {
      if (!flagsAreRead(checked)) continue;
      const { command, statement } = checked;
      const name = displayName(checked);
      const valid = Object.keys(instructionFlags[command.upper] ?? {});
      for (const flag of command.flags) {
        const spec = flagSpec(command.upper, flag.name);
        const range = flagNameRange(statement, flag);
        if (!spec) {
          const elsewhere = Object.entries(instructionFlags).find(([upper, flags]) => upper !== command.upper && Object.prototype.hasOwnProperty.call(flags, flag.name))?.[0];
          const suggestion = valid.length > 0 ? closest(flag.name, valid) : undefined;
          let message =
            valid.length === 0
              ? `${name} takes no flags, so --${flag.name} is an error`
              : `${name} has no --${flag.name} flag`;
          if ((command.upper === 'CMD' || command.upper === 'ENTRYPOINT') && valid.length === 0) message += `; to pass --${flag.name} to the program, use exec form: ${command.upper} ["--${flag.name}"]`;
          message += triggerNote(checked);
          if (suggestion) message += `; did you mean --${suggestion}?`;
          else if (elsewhere) message += ` (--${flag.name} belongs to ${elsewhere})`;
          else if (valid.length > 0) message += `; it accepts ${valid.map((v) => `--${v}`).join(', ')}`;
          report({ range, message: sentence(message) });
          continue;
        }
        if (spec.since && syntax?.standard && syntax.version && !(spec.labs && syntax.labs)) {
          const [major, minor] = syntax.version;
          const [needMajor, needMinor] = spec.since;
          if (major < needMajor || (major === needMajor && minor < needMinor)) {
            report({
              range,
              message: `--${flag.name} needs Dockerfile syntax ${needMajor}.${needMinor} or later, but this file pins ${syntax.image}; raise the # syntax= version (docker/dockerfile:1 follows the latest)${triggerNote(checked)}.`,
            });
          }
        }
      }
    }
  },
};
