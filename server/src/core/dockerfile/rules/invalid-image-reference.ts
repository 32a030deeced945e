import type { DockerfileRule } from '../rule';
import { referenceProblem } from '../syntax/reference';
import { stageNames, syntaxOf } from '../syntax/scan';
import { blankWords } from '../syntax/words';

export const invalidImageReference: DockerfileRule = {
  id: 'invalid-image-reference',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `FROM` image or `COPY --from` image that is not a valid image reference: upper-case letters, an empty or invalid tag, a bad digest, or stray characters.',
    why:
      'Image references are `[registry[:port]/]name[:tag][@digest]`: the name in lower case, with `.`, `_`, `__` or ' +
      '`-` between letters and digits; a tag of up to 128 letters, digits, `_`, `.` and `-`; a digest such as ' +
      '`sha256:` and 64 hex digits. Anything else fails with `invalid reference format` before the build starts. ' +
      'References built from variables are not checked. A name that is an earlier stage is not an image: ' +
      '`COPY --from` finds the stage in any case, but BuildKit stores stage names in lower case and `FROM` looks ' +
      'them up as written, so `FROM Build` is read as the image `Build`, and fails.',
    example: 'FROM Ubuntu:24.04\nCOPY --from=Nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n',
    fixedExample: 'FROM ubuntu:24.04\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    const stages = stageNames(info);
    const stageBefore = (name: string, index: number): boolean => stages.slice(0, index).some((s) => s.name === name);
    stages.forEach(({ statement }, index) => {
      const base = blankWords(statement.line.text, statement.restStart, statement.restEnd)[0];
      if (!base) return;
      const text = base.text;
      if (text.includes('$') || text.includes('"') || text.includes("'") || text.toLowerCase() === 'scratch' || stageBefore(text, index)) return;
      const problem = referenceProblem(text);
      if (!problem) return;
      // BuildKit keys stages by their lower-cased name and looks the FROM base up as written.
      const stage = stageBefore(text.toLowerCase(), index) ? `; to build from stage '${text.toLowerCase()}', write its name in lower case` : '';
      report({ range: statement.line.range(base.start, base.end), message: `'${text}' is not a valid image reference: ${problem}${stage}.` });
    });
    for (const statement of info.statements) {
      if (statement.upper !== 'COPY') continue;
      for (const flag of statement.flags) {
        const value = flag.value;
        if (flag.name !== 'from' || !value || value.includes('$') || /^\d+$/.test(value)) continue;
        if (stages.some((s) => s.name === value.toLowerCase())) continue;
        const problem = referenceProblem(value);
        if (!problem) continue;
        const start = flag.plain && flag.valueStart !== undefined ? flag.valueStart : flag.start;
        report({
          range: statement.line.range(start, flag.end),
          message: `--from=${value} names no stage of this Dockerfile and is not a valid image reference: ${problem}.`,
        });
      }
    }
  },
};
