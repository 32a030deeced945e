import type { DockerfileRule } from '../rule';
import { commandsOf, flagRange, flagsAreRead, triggerNote } from '../syntax/commands';
import { mountProblems } from '../syntax/mount';
import { syntaxOf } from '../syntax/scan';

export const invalidMount: DockerfileRule = {
  id: 'invalid-mount',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'A `RUN --mount=` the builder refuses: an unknown type or option, an option of another mount type (`sharing` is for ' +
      'cache, `mode`/`uid`/`gid` for cache, secret and ssh, `size` for tmpfs, `env` for secret, `required` for secret and ssh), ' +
      'a bad value for `sharing`, `ro`/`rw`, `mode`, `uid`, `gid` or `size`, a variable in `from=`, or a secret mount without an id.',
    why:
      '`RUN --mount` (BuildKit only) takes comma-separated `key=value` options. Types: `bind` (default; `target`, ' +
      '`source`, `from`, `rw`), `cache` (`target`, `id`, `sharing=shared|private|locked`, `from`, `source`, `mode`, ' +
      '`uid`, `gid`, `ro`), `tmpfs` (`target`, `size`), `secret` (`id`, `target`, `env`, `required`, `mode`, `uid`, `gid`) ' +
      'and `ssh` (`id`, `target`, `required`, `mode`, `uid`, `gid`). `target` may also be written `dst` or `destination`, ' +
      'and `source` `src`. Anything else stops the build; a misspelled option (`taget=`) never silently falls back.',
    example: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip,sharing=exclusive pip install flask\n',
    fixedExample: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install flask\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      if (checked.command.upper !== 'RUN' || !flagsAreRead(checked)) continue;
      const { statement } = checked;
      for (const flag of checked.command.flags) {
        if (flag.name !== 'mount' || flag.value === undefined) continue;
        for (const problem of mountProblems(flag.value)) {
          const mappable = flag.plain && flag.valueStart !== undefined && problem.end > problem.start;
          const range = mappable ? statement.line.range(flag.valueStart! + problem.start, flag.valueStart! + problem.end) : flagRange(statement, flag);
          report({ range, message: `--mount: ${problem.message}${triggerNote(checked)}.` });
        }
      }
    }
  },
};
