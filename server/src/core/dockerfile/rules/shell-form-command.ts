import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import { isExecForm } from '../model';
import type { DockerfileRule } from '../rule';

export const shellFormCommand: DockerfileRule = {
  id: 'shell-form-command',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL3025', 'buildkit:JSONArgsRecommended', 'kics:b86987e1-6397-4619-81d5-8807f2387c79'],
  docs: {
    finds: '`CMD` or `ENTRYPOINT` written in shell form, including JSON-looking arrays with single quotes.',
    why:
      'Shell form runs the command as `/bin/sh -c "..."`, so the shell is PID 1 and the app is its ' +
      'child. Signals such as SIGTERM from `docker stop` reach the shell, not the app, so the app ' +
      'cannot shut down cleanly and is killed after the stop timeout (10 s by default). A shell-form ' +
      'ENTRYPOINT also ignores CMD and `docker run` arguments. Exec form is a JSON array with double ' +
      "quotes; `['a', 'b']` is not JSON and silently becomes shell form. If you need shell features, " +
      'write the shell explicitly: `CMD ["sh", "-c", "..."]`. The fix is unsafe: without a shell, ' +
      'variables such as `$PORT` are no longer expanded.',
    example: 'FROM python:3.12-slim\nCMD python app.py\n',
    fixedExample: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
      const content = instruction.getRawArgumentsContent()?.trim();
      if (!content || isExecForm(instruction) || isJsonArray(content)) continue;
      const singleQuoted = content.startsWith('[');
      const fix = execFormFix(instruction, content, singleQuoted);
      report({
        range: instruction.getInstructionRange(),
        message: singleQuoted
          ? `${keyword} looks like exec form but is not valid JSON (strings need double quotes), so it runs through /bin/sh -c.`
          : `${keyword} in shell form runs under /bin/sh -c, so the app does not get signals such as SIGTERM; use exec form.`,
        ...(fix && { fix }),
      });
    }
  },
};

/** Characters that give a shell-form command a meaning that exec form would lose. */
const shellSyntax = /[$`|&;<>(){}*?[\]~\\'"#!]|\s=|^\s*\w+=/;

function execFormFix(instruction: Instruction, content: string, singleQuoted: boolean): Fix | undefined {
  const argumentsRange = instruction.getArgumentsRange();
  if (!argumentsRange || argumentsRange.start.line !== argumentsRange.end.line) return undefined;
  let words: string[] | undefined;
  if (singleQuoted) {
    words = parseSingleQuotedArray(content);
  } else if (!shellSyntax.test(content)) {
    words = content.split(/\s+/).filter((word) => word.length > 0);
  }
  if (!words || words.length === 0) return undefined;
  return {
    title: `Convert ${instruction.getKeyword()} to exec form`,
    edits: [{ range: argumentsRange, newText: `[${words.map((word) => JSON.stringify(word)).join(', ')}]` }],
  };
}

/** Reads `['a', 'b c']`; undefined when it is anything more complicated. */
function parseSingleQuotedArray(content: string): string[] | undefined {
  const match = /^\[\s*((?:'[^'\\]*'\s*,\s*)*'[^'\\]*')\s*\]$/.exec(content);
  if (!match?.[1]) return undefined;
  return [...match[1].matchAll(/'([^'\\]*)'/g)].map((m) => m[1] ?? '');
}

/** `CMD ["a", 1]` is JSON but not exec form: the builder rejects it (malformed-arguments says so). */
function isJsonArray(content: string): boolean {
  if (!content.startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(content));
  } catch {
    return false;
  }
}
