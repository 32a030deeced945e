// Every quick fix offered on every rule fixture and every corpus file, applied:
// the result parses, its finding is gone, no error appears, and comments,
// blank lines, heredoc bodies and YAML anchors are untouched. "Ignore" actions
// suppress exactly their finding. All safe fixes settle after one application.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type DocumentKind, LanguageService, memoryFileAccess } from '../../server/src/core';
import { findRule } from '../../server/src/core/rules/registry';
import { fixtureFolder, fixtureNeighbours, fixturesRoot } from '../helpers/rule-fixtures';
import { corpusFiles, hasCorpus } from './support/corpus';
import { knownFailure } from './support/known-failures';
import { type RoundTripCase, roundTripProblems, standaloneCase } from './support/round-trip';

function kindOf(name: string): DocumentKind | undefined {
  if (/\.ya?ml$/.test(name)) return 'compose';
  if (/Dockerfile|Containerfile/i.test(name)) return 'dockerfile';
  return undefined;
}

function fixtureCases(): RoundTripCase[] {
  const cases: RoundTripCase[] = [];
  for (const ruleId of fs.readdirSync(fixturesRoot).sort()) {
    const rule = findRule(ruleId);
    if (!rule) continue;
    for (const name of fs.readdirSync(path.join(fixturesRoot, ruleId)).sort()) {
      const kind = kindOf(name);
      if (!kind) continue;
      const text = fs.readFileSync(path.join(fixturesRoot, ruleId, name), 'utf8');
      const file = `${fixtureFolder}/${kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`;
      const service = new LanguageService(memoryFileAccess({ ...fixtureNeighbours(ruleId), [file]: text }));
      cases.push({ name: `${ruleId}/${name}`, kind, text, path: file, settings: { rules: { [ruleId]: rule.defaultSeverity } }, service });
    }
  }
  return cases;
}

function corpusCases(): RoundTripCase[] {
  return corpusFiles().map((file) => standaloneCase(file.name, file.kind, file.text));
}

/** All that is wrong with the fixes offered on one file, known failures left out. */
function unexpected(c: RoundTripCase, ignores: Parameters<typeof roundTripProblems>[1] = 'all', fixesPerRule?: number): string[] {
  return roundTripProblems(c, ignores, fixesPerRule)
    .filter((p) => !knownFailure(c.kind, c.text, { call: p.call, kind: 'fix', message: p.message }))
    .map((p) => `${p.call}: ${p.message}`);
}

describe('fix round-trips on the rule fixtures', () => {
  for (const c of fixtureCases()) {
    it(c.name, () => {
      assert.deepEqual(unexpected(c), []);
    });
  }
});

// Every corpus file, within the test budget: each fix alone, up to 5 of one rule per file (one
// file has dozens of the same ENV fix), and all safe fixes together; the "Ignore" actions, shared
// by every rule and covered on every fixture above, for one rule per file.
// DOCKHAND_FULL_ROUND_TRIPS=1 checks every fix and every "Ignore" action instead.
const full = process.env['DOCKHAND_FULL_ROUND_TRIPS'] === '1';
describe('fix round-trips on the corpus', { skip: hasCorpus ? false : 'no ../shared/corpus' }, () => {
  corpusCases().forEach((c, index) => {
    it(c.name, () => {
      assert.deepEqual(full ? unexpected(c) : unexpected(c, { sample: index }, 5), []);
    });
  });
});
