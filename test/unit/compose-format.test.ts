import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyEdits, type FormattingOptions, LanguageService, memoryFileAccess, type Range } from '../../server/src/core';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;

function edits(text: string, options: Partial<FormattingOptions> = {}, range?: Range) {
  return service.format({ uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text }, { tabSize: 2, insertSpaces: true, ...options }, range);
}
function format(text: string, options: Partial<FormattingOptions> = {}): string {
  return applyEdits(text, edits(text, options));
}
/** Formatting changed blanks only, the data is the same, and a second pass changes nothing. */
function assertSafe(text: string): void {
  const out = format(text);
  assert.equal(out.replace(/\s+/g, ''), text.replace(/\s+/g, ''), 'only whitespace changes');
  const data = (t: string): string => JSON.stringify(parseAllDocuments(t, { merge: true }).map((d) => d.toJS() as unknown));
  assert.equal(data(out), data(text), 'same data');
  assert.equal(format(out), out, 'idempotent');
}

describe('compose formatting', () => {
  it('indents every level by the file\'s own step, keeping compact and indented lists as written', () => {
    const text = 'services:\n  web:\n     image: nginx\n     ports:\n       - "80:80"\n  db:\n    image: postgres\n    volumes:\n    - data:/var/lib/postgresql/data\n';
    assert.equal(format(text), 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n  db:\n    image: postgres\n    volumes:\n    - data:/var/lib/postgresql/data\n');
    const four = 'services:\n    web:\n        image: nginx\n    db:\n      image: postgres\n';
    assert.equal(format(four), 'services:\n    web:\n        image: nginx\n    db:\n        image: postgres\n');
    assertSafe(text);
  });

  it('keeps the mapping of a list item after its dash', () => {
    const text = 'services:\n  web:\n      ports:\n        - target: 80\n          published: "8080"\n        -   target: 443\n            published: "8443"\n';
    assert.equal(format(text), 'services:\n  web:\n    ports:\n      - target: 80\n        published: "8080"\n      -   target: 443\n          published: "8443"\n');
    assertSafe(text);
  });

  it('moves comments with the line they describe and never edits their text', () => {
    const text = '# top\nservices:\n  web:\n     # the image\n     image: nginx   # pinned later  \n       # odd comment\n     init: true\n';
    assert.equal(format(text), '# top\nservices:\n  web:\n    # the image\n    image: nginx   # pinned later\n      # odd comment\n    init: true\n');
    assertSafe(text);
  });

  it('keeps anchors, aliases, merge keys, tags and key order', () => {
    const text = 'x-defaults: &defaults\n   restart: unless-stopped\n   logging: &log\n      driver: json-file\nservices:\n  web:\n    <<: *defaults\n    image: nginx\n    logging: *log\n  db:\n    <<: [*defaults]\n    ports: !reset []\n';
    const out = format(text);
    assert.equal(out, 'x-defaults: &defaults\n  restart: unless-stopped\n  logging: &log\n    driver: json-file\nservices:\n  web:\n    <<: *defaults\n    image: nginx\n    logging: *log\n  db:\n    <<: [*defaults]\n    ports: !reset []\n');
    assertSafe(text);
  });

  it('never changes a block scalar: its lines move with their key, trailing blanks and blank lines kept', () => {
    const text = 'services:\n  web:\n      command: |\n         echo "a"  \n           indented\n\n         # not a comment\n      entrypoint: >-\n         folded\n         text\n';
    const out = format(text);
    assert.equal(out, 'services:\n  web:\n    command: |\n       echo "a"  \n         indented\n\n       # not a comment\n    entrypoint: >-\n       folded\n       text\n');
    assertSafe(text);
  });

  it('leaves multi-line flow collections and quoted scalars as written, moved with their line', () => {
    const text = 'services:\n  web:\n      labels: {a: 1,\n          b: 2}\n      command: ["sh",\n         "-c", "echo"]\n      healthcheck:\n        test: "curl -f\n          http://localhost"\n';
    assert.equal(format(text), 'services:\n  web:\n    labels: {a: 1,\n        b: 2}\n    command: ["sh",\n       "-c", "echo"]\n    healthcheck:\n      test: "curl -f\n        http://localhost"\n');
    assertSafe(text);
  });

  it('removes trailing blanks and ends the file with exactly one line break', () => {
    assert.equal(format('services:  \n  web:\n    image: nginx'), 'services:\n  web:\n    image: nginx\n');
    assert.equal(format('services:\n  web:\n    image: nginx\n\n\n  \n'), 'services:\n  web:\n    image: nginx\n');
    assert.equal(format('services:\n  web: {}\n   \n  db: {}\n'), 'services:\n  web: {}\n\n  db: {}\n');
    assert.deepEqual(edits('services:\n  web:\n    image: nginx\n'), [], 'a formatted file gets no edits');
    assert.deepEqual(edits(''), []);
  });

  it('keeps CRLF line breaks', () => {
    const text = 'services:\r\n    web:\r\n       image: nginx  \r\n    db:\r\n        image: x';
    assert.equal(format(text), 'services:\r\n    web:\r\n        image: nginx\r\n    db:\r\n        image: x\r\n');
    assertSafe(text);
  });

  it('formats every document of a multi-document file', () => {
    const text = 'services:\n  a:\n     image: x\n---\nservices:\n  b:\n      image: y\n';
    assert.equal(format(text), 'services:\n  a:\n    image: x\n---\nservices:\n  b:\n    image: y\n');
  });

  it('returns no edits for a file with YAML errors, or when compose formatting is off', () => {
    assert.deepEqual(edits('services:\n  web:\n     image: [nginx\n'), []);
    assert.deepEqual(edits('services:\n  web: {}\n  web: {}\n'), [], 'duplicate keys');
    assert.deepEqual(edits('services:\n  web:\n     image: nginx\n', { compose: false }), []);
  });

  it('formats a range: only the lines it covers', () => {
    const text = 'services:\n  web:\n    image: nginx  \n  db:\n     image: postgres  \n  cache:\n    image: redis\n';
    const range = { start: { line: 3, character: 0 }, end: { line: 4, character: 5 } };
    assert.equal(applyEdits(text, edits(text, {}, range)), 'services:\n  web:\n    image: nginx  \n  db:\n    image: postgres\n  cache:\n    image: redis\n');
    // Re-indenting one key of a mapping alone would misalign it: only its line end is cleaned.
    const misaligned = 'services:\n   web:\n     image: nginx  \n   db:\n     image: postgres  \n';
    const line = { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } };
    assert.equal(applyEdits(misaligned, edits(misaligned, {}, line)), 'services:\n   web:\n     image: nginx  \n   db:\n     image: postgres\n');
  });

  it('keeps real-world compose files\' data, and is idempotent on them', () => {
    const folder = '/work/shared/corpus/compose';
    if (!fs.existsSync(folder)) return;
    let formatted = 0;
    for (const name of fs.readdirSync(folder).slice(0, 400)) {
      const path = `${folder}/${name}`;
      if (!fs.statSync(path).isFile()) continue;
      const text = fs.readFileSync(path, 'utf8');
      if (text.length > 200_000) continue;
      try {
        assertSafe(text);
      } catch (error) {
        assert.fail(`${name}: ${(error as Error).message}`);
      }
      if (edits(text).length > 0) formatted++;
    }
    assert.ok(formatted > 0, 'some corpus files needed formatting');
  });
});
