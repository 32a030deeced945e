import type { DockerfileRule } from '../rule';
import { type HeaderEnd, isKnownDirective, parseDirectiveLine, syntaxOf } from '../syntax/scan';

const because: Readonly<Record<HeaderEnd, string>> = {
  comment: 'the comment on line',
  blank: 'the blank line',
  instruction: 'the instruction on line',
  'unknown-directive': 'an unknown directive on line',
  eof: 'the end of the file at line',
};

export const misplacedDirective: DockerfileRule = {
  id: 'misplaced-directive',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `# syntax=`, `# escape=` or `# check=` line that the builder reads as a plain comment because it is not at the very top of the file.',
    why:
      'Parser directives are read only before anything else: the first comment that is not a directive, the first ' +
      'blank line or the first instruction ends them, and so does an unknown `# name=value`. A directive after that ' +
      'point is silently ignored: a late `# syntax=` leaves the build on the bundled Dockerfile syntax, a late ' +
      '`# escape=` leaves `\\` as the escape character (and the Windows paths in the file may then continue lines), and ' +
      'a late `# check=` changes nothing. A `#!` first line hides a following `# escape=` too. Put the directives on the ' +
      'first lines, before any comment or blank line.',
    example: '# Build the API image\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n',
    fixedExample: '# syntax=docker/dockerfile:1\n# Build the API image\nFROM alpine:3.20\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    const header = info.header;
    for (const directive of header.ignored) {
      report({ range: directive.range, message: `# ${directive.name} is ignored after a #! first line; the file keeps \\ as its escape character.` });
    }
    const headerStart = header.shebang ? 1 : 0;
    for (const line of info.commentLines) {
      if (line >= headerStart && line < header.end.line) continue;
      const parsed = parseDirectiveLine(info.lines, line);
      if (typeof parsed === 'string' || !isKnownDirective(parsed.name)) continue;
      const where = `${because[header.end.reason]} ${header.end.line + 1}`;
      report({
        range: parsed.range,
        message: `This # ${parsed.name} directive is only a comment: parser directives must come first in the file, and they ended at ${where}.`,
      });
    }
  },
};
