import { runsOf } from '../practice/commands';
import { insertAt } from '../practice/edits';
import { hasOption, parseArgs } from '../practice/options';
import type { DockerfileRule } from '../rule';

const wgetSpec = { shortWithValue: 'OoaPtTwUBiQDIXRAel', longWithValue: ['output-document', 'output-file', 'append-output', 'directory-prefix', 'tries', 'timeout', 'wait', 'user-agent', 'header'] };

export const wgetProgressOutput: DockerfileRule = {
  id: 'wget-progress-output',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'info',
  enabledByDefault: false,
  fixable: 'safe',
  equivalents: ['hadolint:DL3047'],
  docs: {
    finds: 'GNU `wget` in a RUN without `--progress`, `-q` or `-nv`.',
    why:
      'Without a terminal, GNU wget falls back to its "dot" progress display: one line of dots per ' +
      '50 KB downloaded, thousands of lines for a large archive, all of it in the build log. ' +
      '`--progress=dot:giga` prints a dot per megabyte, and `-nv` or `-q` print next to nothing. ' +
      'Alpine\'s BusyBox wget has no such option and is not reported. Off by default: it only ' +
      'affects logs.',
    example: 'FROM debian:12\nRUN wget -O /tmp/app.tgz https://example.com/app.tgz\n',
    fixedExample: 'FROM debian:12\nRUN wget --progress=dot:giga -O /tmp/app.tgz https://example.com/app.tgz\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      const distro = model.state.before(run.instruction)?.distro;
      if (distro !== 'debian' && distro !== 'rhel' && distro !== 'suse') continue;
      for (const invocation of run.invocations) {
        if (invocation.program !== 'wget') continue;
        if (invocation.args.some((arg) => arg.value === '-nv')) continue;
        const parsed = parseArgs(invocation.args, wgetSpec);
        if (parsed.opaque || hasOption(parsed, '--progress', '-q', '--quiet', '--no-verbose', '-o', '--output-file', '-a', '--append-output', '--show-progress')) continue;
        const word = invocation.programWord;
        report({
          range: model.lines.rangeOf(word.start, word.end),
          message: 'wget without --progress, -q or -nv prints a line of dots per 50 KB into the build log; use --progress=dot:giga.',
          fix: { title: 'Add --progress=dot:giga', edits: [insertAt(model, word.end, ' --progress=dot:giga')] },
        });
      }
    }
  },
};
