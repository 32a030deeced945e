import type { DockerfileRule } from '../rule';
import { commandsOf, displayName, flagRange, flagsAreRead, triggerNote } from '../syntax/commands';
import { flagSpec, syntaxOf } from '../syntax/scan';

export const duplicateFlag: DockerfileRule = {
  id: 'duplicate-flag',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A flag given twice on one instruction, such as two `--from` on a `COPY`; `RUN --mount`, `RUN --device` and `--exclude` may repeat.',
    why:
      'The builder refuses the file with `duplicate flag specified` rather than guess which value you meant. Keep the ' +
      'one you want; to mount several things, repeat `--mount`, which is the exception.',
    example: 'FROM alpine:3.20\nCOPY --chown=10001 --chown=10002 app /app\n',
    fixedExample: 'FROM alpine:3.20\nCOPY --chown=10001 app /app\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      if (!flagsAreRead(checked)) continue;
      const seen = new Set<string>();
      for (const flag of checked.command.flags) {
        const spec = flagSpec(checked.command.upper, flag.name);
        if (!spec || spec.kind === 'strings') continue;
        if (seen.has(flag.name)) {
          report({
            range: flagRange(checked.statement, flag),
            message: `--${flag.name} is given more than once on ${displayName(checked)}; keep one${triggerNote(checked)}.`,
          });
        }
        seen.add(flag.name);
      }
    }
  },
};
