import type { DockerfileRule } from '../rule';
import { syntaxOf } from '../syntax/scan';

export const duplicateDirective: DockerfileRule = {
  id: 'duplicate-directive',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'The same parser directive (`syntax`, `escape` or `check`) twice at the top of the file.',
    why:
      'Each parser directive may be given once; the builder refuses a second one with `only one escape parser directive ' +
      'can be used` rather than pick one. Keep the one you mean; several `# check=` settings go in one directive, ' +
      'separated by `;`.',
    example: '# check=skip=JSONArgsRecommended\n# check=error=true\nFROM alpine:3.20\n',
    fixedExample: '# check=skip=JSONArgsRecommended;error=true\nFROM alpine:3.20\n',
  },
  check({ model, report }) {
    for (const { directive, first } of syntaxOf(model).header.duplicates) {
      report({
        range: directive.range,
        message: `Second # ${directive.name} directive (the first is on line ${first.line + 1}); the builder accepts each parser directive only once.`,
      });
    }
  },
};
