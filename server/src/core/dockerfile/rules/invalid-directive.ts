import type { DockerfileRule } from '../rule';
import { referenceProblem } from '../syntax/reference';
import { syntaxOf } from '../syntax/scan';

const goBools = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Why a `# check=` value is refused (`invalid check option`), or undefined. */
function checkProblem(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const parts = trimmed.split(';');
  // Go's SplitN(s, ";", 3): the third part keeps any further semicolons.
  const options = parts.length > 3 ? [...parts.slice(0, 2), parts.slice(2).join(';')] : parts;
  for (const option of options) {
    const eq = option.indexOf('=');
    if (eq < 0) return `'${option}' is not key=value; write e.g. # check=skip=JSONArgsRecommended;error=true`;
    const key = option.slice(0, eq).trim();
    if (key !== 'skip' && key !== 'error' && key !== 'experimental') return `'${key}' is not a check option; use skip, error or experimental`;
    if (key === 'error' && !goBools.has(option.slice(eq + 1).trim())) return `error= expects true or false, not '${option.slice(eq + 1).trim()}'`;
  }
  return undefined;
}

export const invalidDirective: DockerfileRule = {
  id: 'invalid-directive',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A parser directive with a value the builder refuses: `# escape=` other than `\\` or a backtick, a malformed `# check=`, or a `# syntax=` that is not an image reference.',
    why:
      '`# escape=` sets the escape and line-continuation character, and only `\\` (the default) and `` ` `` (handy on ' +
      'Windows) are allowed. `# check=` takes `skip=<checks|all>`, `error=<true|false>` and `experimental=<checks|all>` ' +
      'separated by `;`. `# syntax=` names the image of the Dockerfile frontend, usually `docker/dockerfile:1`. Any ' +
      'other value fails the build before the first instruction runs.',
    example: '# escape=^\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
    fixedExample: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    for (const directive of info.header.directives) {
      let problem: string | undefined;
      if (directive.name === 'escape' && directive.value !== '\\' && directive.value !== '`') {
        problem = `'${directive.value}' is not a valid escape character; use \\ (the default) or \``;
      } else if (directive.name === 'check') {
        problem = checkProblem(directive.value);
      } else if (directive.name === 'syntax') {
        const image = directive.value.split(/[ \t]/, 1)[0] ?? '';
        const why = referenceProblem(image);
        if (why) problem = `'${image}' is not an image reference (${why}); use e.g. # syntax=docker/dockerfile:1`;
      }
      if (problem) report({ range: directive.valueRange, message: `Invalid # ${directive.name} directive: ${problem}.` });
    }
  },
};
