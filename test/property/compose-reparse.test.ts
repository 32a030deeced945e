// A compose edit parses again only the entry it changed (server/src/core/compose/reparse.ts).
// The result must be what a full parse gives: the same nodes, values and offsets,
// and the same findings. Checked on random edits of a built-in file and, when
// ../shared is beside the repository, of every corpus compose file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { analyzeText, type Analysis } from '../../server/src/core';
import { ComposeModel } from '../../server/src/core/compose/model';
import { lastContentLines, reparse } from '../../server/src/core/compose/reparse';
import { corpusFiles, fuzzSeed } from './support/corpus';
import { random } from './support/mutate';

const options = { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false, merge: true };

const builtIn = `name: shop
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"   # published
    depends_on: [api]
    environment:
      MODE: \${MODE:-prod}

  api:
    build:
      context: ./api
      target: prod
    # the database comes first
    depends_on:
      db:
        condition: service_healthy
    command: >
      node server.js
      --port 3000
  db:
    image: postgres:17
    healthcheck:
      test: ["CMD", "pg_isready"]
      interval: 10s
    volumes:
      - data:/var/lib/postgresql/data
  cache: &cache
    image: redis:7
  cache2:
    <<: *cache
volumes:
  data: {}
networks:
  front:
    driver: bridge
`;

/** Every node in document order with its class, offsets, tag, anchor and value: what two parses must agree on. */
function dump(documents: readonly Document[]): string {
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    const indent = ' '.repeat(depth);
    if (isPair(node)) {
      out.push(`${indent}pair`);
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    } else if (isNode(node)) {
      const value = isScalar(node) ? `${JSON.stringify(node.value)} ${node.type}` : isAlias(node) ? `*${node.source}` : '';
      out.push(`${indent}${node.constructor.name} ${node.range?.join(',')} ${node.tag ?? ''} ${node.anchor ?? ''} ${value} ${(isMap(node) || isSeq(node)) && node.flow ? 'flow' : ''}`);
      if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, depth + 1);
    } else {
      out.push(`${indent}${String(node)}`);
    }
  };
  for (const document of documents) {
    out.push(`document ${document.range?.join(',')} errors ${document.errors.length} warnings ${document.warnings.length}`);
    walk(document.contents, 0);
  }
  return out.join('\n');
}

const pieces = [' ', 'x', '\n', ':', '-', '#', '"', "'", '\n    x: 1', '\n  - y', '{', '[', '&a', '*a', '\t', '  ', 'ports:\n      - 80', '|', '>', '\n  new:\n    image: x', '\n\n', '# c\n', '<<: *cache\n    '];

/** A random small edit: insert a piece, delete a few characters, or both. */
function edit(text: string, rng: () => number): string {
  const at = Math.floor(rng() * (text.length + 1));
  const remove = rng() < 0.3 ? Math.floor(rng() * 12) : 0;
  const insert = rng() < 0.8 ? pieces[Math.floor(rng() * pieces.length)]! : '';
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Runs `edits` random edits of `text`; returns how many were reparsed and the first disagreement. */
function compare(text: string, edits: number, rng: () => number): { reparsed: number; mismatch: string | undefined } {
  const documents = parseAllDocuments(text, options) as Document.Parsed[];
  let reparsed = 0;
  for (let i = 0; i < edits; i++) {
    const next = edit(text, rng);
    const partial = reparse({ text, documents }, next, options);
    if (!partial) continue;
    reparsed++;
    const expected = dump(parseAllDocuments(next, options) as Document.Parsed[]);
    const actual = dump(partial);
    if (actual !== expected) return { reparsed, mismatch: `after editing to:\n${next}\nreparse gave:\n${actual}\nthe full parse:\n${expected}` };
  }
  return { reparsed, mismatch: undefined };
}

describe('compose reparse', () => {
  it('parses an edit inside one service again alone, sharing the services before it', () => {
    const next = builtIn.replace('image: postgres:17', 'image: postgres:17.2');
    const documents = parseAllDocuments(builtIn, options) as Document.Parsed[];
    const partial = reparse({ text: builtIn, documents }, next, options);
    assert.ok(partial, 'the edit is reparsed');
    assert.equal(dump(partial), dump(parseAllDocuments(next, options) as Document.Parsed[]));
    const services = (document: Document) => (document.contents as unknown as { items: { value: { items: unknown[] } }[] }).items[1]!.value.items;
    assert.equal(services(partial[0]!)[0], services(documents[0]!)[0], 'web, before the edit, is the same object');
    assert.notEqual(services(partial[0]!)[3], services(documents[0]!)[3], 'cache, after it, is a copy with moved offsets');
  });

  it('reuses the documents of an unchanged text, each with error lists of its own', () => {
    const documents = parseAllDocuments(builtIn, options) as Document.Parsed[];
    const again = reparse({ text: builtIn, documents }, builtIn, options);
    assert.ok(again);
    assert.equal(dump(again), dump(documents));
    assert.equal(again[0]!.contents, documents[0]!.contents);
    assert.notEqual(again[0]!.errors, documents[0]!.errors);
  });

  it('falls back to the full parse where a part could reach outside its entry', () => {
    const documents = parseAllDocuments(builtIn, options) as Document.Parsed[];
    const cases = {
      'an anchor': builtIn.replace('image: redis:7', 'image: redis:7.4'),
      'a merge key': builtIn.replace('<<: *cache', '<<: *cache\n    init: true'),
      'an edit across two services': builtIn.replace('      - data:/var/lib/postgresql/data\n  cache:', '  cache:'),
      'a new top-level key': builtIn.replace('  front:\n', '  front:\nconfigs:\n'),
      'a syntax error': builtIn.replace('image: nginx:1.27', 'image: "nginx:1.27'),
      'an entry emptied to blank lines': builtIn.replace(/ {2}db:\n[^]*?(?= {2}cache:)/, '\n\n'),
      "the file's last entry": builtIn.replace('driver: bridge', 'driver: overlay'),
      'a comment ending the entry': builtIn.replace('      - data:/var/lib/postgresql/data\n', '      - data:/var/lib/postgresql/data\n    # more later\n'),
    };
    for (const [what, next] of Object.entries(cases)) assert.equal(reparse({ text: builtIn, documents }, next, options), undefined, what);
  });

  it('reads the last content lines of any fragment, blank ones included, and stops', () => {
    assert.equal(lastContentLines('  a:\n    b: 1\n\n  \n'), '    b: 1\n\n  \n');
    assert.equal(lastContentLines('\n\n'), '\n\n');
    assert.equal(lastContentLines('\n'), '\n');
    assert.equal(lastContentLines(''), '');
  });

  it('gives what the full parse gives on 3,000 random edits of a compose file', { timeout: 120_000 }, () => {
    const { reparsed, mismatch } = compare(builtIn, 3_000, random(fuzzSeed()));
    assert.equal(mismatch, undefined);
    assert.ok(reparsed > 300, `only ${reparsed} edits were reparsed`);
  });

  it('gives what the full parse gives on random edits of every corpus compose file', { skip: corpusFiles().length === 0 && 'no ../shared/corpus', timeout: 120_000 }, () => {
    const rng = random(fuzzSeed() + 1);
    let reparsed = 0;
    for (const file of corpusFiles().filter((f) => f.kind === 'compose')) {
      const result = compare(file.text, 40, rng);
      assert.equal(result.mismatch, undefined, file.name);
      reparsed += result.reparsed;
    }
    assert.ok(reparsed > 500, `only ${reparsed} edits were reparsed`);
  });

  it('analyses an edited version with the previous model exactly as without it', () => {
    const rng = random(fuzzSeed() + 2);
    const summary = (analysis: Analysis) => JSON.stringify(analysis.findings);
    let previous = new ComposeModel(builtIn);
    let text = builtIn;
    for (let i = 0; i < 300; i++) {
      // A walk of edits, each on the last: what typing does.
      text = edit(text, rng);
      const withPrevious = analyzeText('compose', text, undefined, { files: { readFile: () => undefined, listDirectory: () => undefined }, path: undefined, previous });
      const alone = analyzeText('compose', text);
      assert.equal(summary(withPrevious), summary(alone), `after editing to:\n${text}`);
      previous = withPrevious.model as ComposeModel;
      if (rng() < 0.05) text = builtIn;
    }
  });
});
