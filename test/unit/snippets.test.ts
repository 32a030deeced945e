import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText, type DocumentKind } from '../../server/src/core';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

/** Expands a TextMate snippet with every placeholder at its default, as accepting it unchanged would. */
export function expandSnippet(body: string): string {
  let text = body;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '').replace(/\\\$/g, '$').replace(/\\\\/g, '\\');
}

const files: [string, DocumentKind][] = [
  ['dockerfile.json', 'dockerfile'],
  ['compose.json', 'compose'],
];

describe('snippets', () => {
  it('expands placeholders, choices and escapes', () => {
    assert.equal(expandSnippet('a ${1:b ${2:c}} ${3|x,y|} $0 \\${V} \\\\'), 'a b c x  ${V} \\');
  });

  for (const [file, kind] of files) {
    const snippets = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'snippets', file), 'utf8')) as Record<string, Snippet>;
    for (const [name, snippet] of Object.entries(snippets)) {
      it(`${file}: "${name}" is clean with its defaults`, () => {
        assert.ok(snippet.description.length > 0 && snippet.prefix.length > 0);
        let text = expandSnippet(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
        // Fragments are checked inside a minimal valid file.
        if (kind === 'compose' && !/^services:/m.test(text)) text = `services:\n${text.replace(/^/gm, '  ')}\n`;
        if (kind === 'dockerfile' && !/^FROM /m.test(text)) text = `FROM alpine:3.20\n${text}\n`;
        // Clean means no warning or error; info and hints are advice, not problems.
        const findings = analyzeText(kind, text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(findings.map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`), [], text);
      });
    }
  }
});
