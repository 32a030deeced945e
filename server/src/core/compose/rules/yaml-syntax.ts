import type { ComposeRule } from '../rule';

export const yamlSyntax: ComposeRule = {
  id: 'yaml-syntax',
  language: 'compose',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'Text that is not valid YAML: bad indentation, unclosed brackets or quotes, duplicate keys, tabs used for indentation.',
    why:
      'Compose refuses to load a file that is not valid YAML, and nothing else in the file can be ' +
      'checked until it parses. Duplicate keys are an error too: YAML gives no order in which one ' +
      'would win.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n',
  },
  check({ model, report }) {
    for (const problem of model.syntaxProblems) {
      report({ range: problem.range, message: `YAML syntax: ${problem.message}.` });
    }
  },
};
