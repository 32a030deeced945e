import type { DockerfileRule } from '../rule';
import { commandsOf, flagValueRange, flagsAreRead, triggerNote } from '../syntax/commands';
import { parseGoDuration } from '../syntax/duration';
import { durationFlags } from '../syntax/flags';
import { syntaxOf } from '../syntax/scan';

export const invalidDuration: DockerfileRule = {
  id: 'invalid-duration',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `HEALTHCHECK --interval`, `--timeout`, `--start-period` or `--start-interval` that is not a duration, or is below 1ms.',
    why:
      'Durations are Go durations: a number with a unit, `ns`, `us`, `ms`, `s`, `m` or `h`, and units can be combined ' +
      '(`1m30s`). A bare number such as `30` has no unit and stops the build, as does anything under a millisecond ' +
      'other than `0`, which means the default (30s interval and timeout, 0s start period, 5s start interval).',
    example: 'FROM nginx:1.27\nHEALTHCHECK --interval=30 CMD wget -qO- http://localhost/ || exit 1\n',
    fixedExample: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD ["wget", "-qO-", "http://localhost/"]\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      if (checked.command.upper !== 'HEALTHCHECK' || !flagsAreRead(checked)) continue;
      for (const flag of checked.command.flags) {
        if (!durationFlags.has(flag.name) || flag.value === undefined || flag.value === '') continue;
        const result = parseGoDuration(flag.value);
        const range = flagValueRange(checked.statement, flag);
        if (!result.ok) {
          const hint = flag.value.includes('$') ? '; HEALTHCHECK flags do not expand variables' : '';
          report({ range, message: `--${flag.name}: ${result.message}${hint}${triggerNote(checked)}.` });
        } else if (result.nanoseconds !== 0 && result.nanoseconds < 1e6) {
          report({ range, message: `--${flag.name}=${flag.value} is below the 1ms minimum (0 means the default)${triggerNote(checked)}.` });
        }
      }
    }
  },
};
