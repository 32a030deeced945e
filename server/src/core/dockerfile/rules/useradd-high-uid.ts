import { hasExpansion, runsOf } from '../practice/commands';
import { insertAt } from '../practice/edits';
import { hasOption, optionValues, parseArgs, specs } from '../practice/options';
import { resolverFor } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

/** hadolint's threshold: UIDs of six digits and more. */
const highUid = 100000;

export const useraddHighUid: DockerfileRule = {
  id: 'useradd-high-uid',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3046'],
  docs: {
    finds: '`useradd` with a UID of 100000 or more and without `-l` (`--no-log-init`).',
    why:
      'useradd records each user in /var/log/lastlog and /var/log/faillog at an offset proportional to ' +
      'the UID. The files are sparse on disk, but image layers store them in full, so a UID of ' +
      '1000000 can add hundreds of megabytes of zeros to the layer. `-l` skips those logs, which a ' +
      'container never reads. (Distributions that no longer ship lastlog are not affected, and the ' +
      'flag is harmless there.)',
    example: 'FROM debian:12\nRUN useradd --uid 1000000 --create-home app\n',
    fixedExample: 'FROM debian:12\nRUN useradd -l --uid 1000000 --create-home app\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      const resolve = resolverFor(model, run.instruction);
      for (const invocation of run.invocations) {
        if (invocation.program !== 'useradd' || invocation.place.inSubstitution) continue;
        const parsed = parseArgs(invocation.args, specs.useradd, resolve);
        if (hasOption(parsed, '-l', '--no-log-init')) continue;
        const written = optionValues(parsed, '-u', '--uid')[0];
        if (written === undefined) continue;
        const uidWord = invocation.args.find((arg) => arg.value.includes(written));
        const value = uidWord && hasExpansion(uidWord) ? model.substituteAt(run.instruction, written) : written;
        if (value === undefined || !/^\d+$/.test(value) || Number(value) < highUid) continue;
        const word = invocation.programWord;
        report({
          range: model.lines.rangeOf(word.start, word.end),
          message: `useradd with UID ${value} and without -l can add a file of tens of megabytes or more to the layer (/var/log/lastlog is stored in full); add -l.`,
          fix: { title: 'Add -l (--no-log-init) to useradd', edits: [insertAt(model, word.end, ' -l')] },
        });
      }
    }
  },
};
