import type { Range } from '../../server/src/core';

export interface ExpectedFinding {
  rule: string;
  severity: string;
  range: Range;
}

/**
 * Reads expectations written into a fixture as comments under the line they
 * point at (rust-analyzer style); `#` is a comment in Dockerfiles and YAML alike:
 *
 *     FROM ubuntu
 *     #    ^^^^^^ warning: untagged-base-image
 *
 * A range that starts in column 0 is written `#^^` : the `#` is its first caret.
 */
export function readMarkers(text: string): ExpectedFinding[] {
  const lines = text.split(/\r?\n/);
  const expected: ExpectedFinding[] = [];
  let target = -1;
  lines.forEach((line, index) => {
    const marker = /^(\s*#\s*)(\^+)\s+(error|warning|info|hint):\s+([a-zA-Z0-9-]+)\s*$/.exec(line);
    if (!marker) {
      target = index;
      return;
    }
    let [, prefix = '', carets = ''] = marker;
    if (prefix === '#') {
      prefix = '';
      carets = `^${carets}`;
    }
    expected.push({
      rule: marker[4] ?? '',
      severity: marker[3] ?? '',
      range: { start: { line: target, character: prefix.length }, end: { line: target, character: prefix.length + carets.length } },
    });
  });
  return expected;
}
