import type { DockerfileRule } from '../rule';
import { keywordRange } from '../syntax/commands';
import { isInstruction } from '../syntax/flags';
import { syntaxOf } from '../syntax/scan';

export const firstInstructionNotFrom: DockerfileRule = {
  id: 'first-instruction-not-from',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['hadolint:DL3061'],
  docs: {
    finds: 'An instruction other than `ARG` before the first `FROM`.',
    why:
      'Every instruction but `ARG` belongs to a build stage, and stages start at `FROM`. Before the first `FROM` only ' +
      'parser directives, comments and `ARG` (global build arguments, usable in `FROM` lines) may appear; anything else ' +
      'stops the build with `no build stage in current context`. Move the instruction after `FROM`; for `ENV`, an `ARG` ' +
      'before `FROM` may be what you want.',
    example: 'ENV APP_HOME=/app\nFROM alpine:3.20\n',
    fixedExample: 'FROM alpine:3.20\nENV APP_HOME=/app\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    const firstFrom = info.statements.findIndex((s) => s.upper === 'FROM');
    if (firstFrom < 0) return;
    const offender = info.statements.slice(0, firstFrom).find((s) => s.upper !== 'ARG' && isInstruction(s.upper));
    if (!offender) return;
    report({
      range: keywordRange(offender, offender),
      message: `${offender.upper} comes before the first FROM; only ARG, comments and parser directives may come before FROM.`,
    });
  },
};
