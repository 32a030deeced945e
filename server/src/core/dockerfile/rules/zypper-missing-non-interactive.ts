import { runsOf } from '../practice/commands';
import { insertAt } from '../practice/edits';
import { hasOption } from '../practice/options';
import { callRange, fedByYes, isLocal, isSubcommand, type ToolCall, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

/** zypper commands that ask for confirmation. */
const prompting = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup'];

export const zypperMissingNonInteractive: DockerfileRule = {
  id: 'zypper-missing-non-interactive',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3034'],
  docs: {
    finds: '`zypper install` (or remove, patch, update) without `-n`/`--non-interactive` or `-y`/`--no-confirm`.',
    why:
      'zypper asks "Continue? [y/n/v/...? shows all options] (y)" before changing packages. A RUN has ' +
      'no terminal, so the prompt cannot be answered and the build fails or hangs. The global ' +
      '`-n` (`--non-interactive`, written before the command: `zypper -n install`) takes the default ' +
      'answer to every question; the command option `-y` (`--no-confirm`) answers this one.',
    example: 'FROM opensuse/leap:15.6\nRUN zypper install nginx && zypper clean --all\n',
    fixedExample: 'FROM opensuse/leap:15.6\nRUN zypper -n install nginx && zypper clean --all\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (call.tool !== 'zypper' || !isSubcommand(call, ...prompting) || isLocal(call.invocation) || call.parsed.opaque) continue;
        if (nonInteractive(call) || fedByYes(run, call.invocation)) continue;
        report({
          range: callRange(model, call),
          message: `zypper ${call.subcommand!.value} has neither -n (--non-interactive) nor -y (--no-confirm), so the build cannot answer its confirmation prompt.`,
          fix: { title: 'Add -n (--non-interactive)', edits: [insertAt(model, call.invocation.programWord.end, ' -n')] },
        });
      }
    }
  },
};

/** `-n` is non-interactive only before the command (after `install` it means `--name`); `-y` belongs after it. */
function nonInteractive(call: ToolCall): boolean {
  const commandStart = call.subcommand?.start ?? Number.POSITIVE_INFINITY;
  const global = call.parsed.options.some((option) => option.word.start < commandStart && (option.long ? option.name === 'non-interactive' : option.name === 'n'));
  return global || hasOption(call.parsed, '-y', '--no-confirm', '--non-interactive');
}
