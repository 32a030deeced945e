import { isScalar } from '../yaml-tree';
import type { ComposeRule } from '../rule';

export const obsoleteVersion: ComposeRule = {
  id: 'obsolete-version',
  language: 'compose',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['dclint:no-version-field'],
  docs: {
    finds: 'The top-level `version:` key.',
    why:
      'The Compose Specification made `version` obsolete: Compose v2 ignores it and prints a ' +
      'warning, whatever its value. It does not select a file format or enable features, so it ' +
      'only misleads readers.',
    example: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n',
  },
  check({ model, report }) {
    const pair = model.topLevel('version');
    if (!pair || !isScalar(pair.key) || !pair.key.range) return;
    const keyStart = model.lines.positionAt(pair.key.range[0]);
    const valueEnd = isScalar(pair.value) && pair.value.range ? model.lines.positionAt(pair.value.range[1]) : model.lines.positionAt(pair.key.range[1]);
    const value = isScalar(pair.value) ? String(pair.value.value) : undefined;
    // Delete the whole lines of the pair, but keep a trailing comment on its own line.
    const lastLine = model.lines.lineText(valueEnd.line);
    const trailing = lastLine.slice(valueEnd.character);
    const comment = /^\s*(#.*)$/.exec(trailing)?.[1];
    const onlyThePair = model.lines.lineText(keyStart.line).slice(0, keyStart.character).trim() === '' && (trailing.trim() === '' || comment !== undefined);
    const fix = onlyThePair
      ? {
          title: 'Remove obsolete version key',
          edits: [
            {
              range: { start: { line: keyStart.line, character: 0 }, end: model.lines.fullLineRange(valueEnd.line).end },
              newText: comment ? `${comment}${model.lines.fullLineRange(valueEnd.line).end.line > valueEnd.line ? '\n' : ''}` : '',
            },
          ],
        }
      : undefined;
    report({
      range: model.rangeOf(pair.key) ?? { start: keyStart, end: keyStart },
      message: `The top-level 'version'${value ? ` ("${value}")` : ''} is obsolete: Compose ignores it and warns. Remove it.`,
      ...(fix && { fix }),
    });
  },
};
