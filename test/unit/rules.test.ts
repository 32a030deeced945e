import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { allRules, analyzeText, applyEdits, type Finding, memoryFileAccess } from '../../server/src/core';
import { type RuleMeta } from '../../server/src/core/rules/rule';
import { rulesMarkdown } from '../../server/src/core/rules/rules-markdown';
import { readMarkers } from '../helpers/markers';
import { fixtureFolder, fixtureNeighbours, ruleFixtures } from '../helpers/rule-fixtures';

const knownTools = new Set(['hadolint', 'buildkit', 'trivy', 'checkov', 'dclint', 'kics']);
/** Fire only on files of megabytes, which no example or fixture can be; test/property/oversize.test.ts covers them. */
const sizeRules = new Set(['file-too-large']);

/** Runs the rules with this one enabled, as if the text were `fixtureName` beside the rule's `files.json` neighbours. */
function findingsOf(rule: RuleMeta, text: string, fixtureName = rule.language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'): Finding[] {
  const files = memoryFileAccess({ ...fixtureNeighbours(rule.id), [`${fixtureFolder}/${fixtureName}`]: text });
  return analyzeText(rule.language, text, { rules: { [rule.id]: rule.defaultSeverity } }, { files, path: `${fixtureFolder}/${fixtureName}` }).findings;
}

const summary = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity}: ${f.rule}`).sort();

describe('rule consistency', () => {
  it('ids are unique, kebab-case, and name the pattern, not a prohibition', () => {
    const ids = allRules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, id);
      assert.doesNotMatch(id, /^(?:no|disallow)-/, id);
    }
  });

  it('RULES.md is generated from the current rules (npm run rules-md)', () => {
    assert.equal(fs.readFileSync(`${__dirname}/../../RULES.md`, 'utf8'), rulesMarkdown(allRules));
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      it('has docs under every heading and well-formed equivalents', () => {
        for (const [heading, text] of Object.entries(rule.docs) as [string, string][]) assert.ok(text.trim().length > 10, `${rule.id}: docs.${heading} is empty`);
        for (const equivalent of rule.equivalents) {
          const [tool, id] = equivalent.split(':');
          assert.ok(tool && knownTools.has(tool) && id, `${rule.id}: bad equivalent ${equivalent}`);
        }
      });

      it('fires on its docs example and not on the fixed example', () => {
        if (!sizeRules.has(rule.id)) assert.ok(findingsOf(rule, rule.docs.example).some((f) => f.rule === rule.id), 'example does not fire');
        assert.deepEqual(findingsOf(rule, rule.docs.fixedExample), [], 'fixed example has findings');
      });

      const fixtures = ruleFixtures(rule.id);
      if (!sizeRules.has(rule.id)) it('has a firing and a clean fixture', () => {
        assert.ok(fixtures.some((f) => f.name.startsWith('bad')), 'no bad.* fixture');
        assert.ok(fixtures.some((f) => f.name.startsWith('good')), 'no good.* fixture');
      });

      for (const fixture of fixtures) {
        it(`reports exactly the marked findings in ${fixture.name}`, () => {
          const findings = findingsOf(rule, fixture.text).filter((f) => f.rule === rule.id);
          const expected = readMarkers(fixture.text).filter((m) => m.rule === rule.id);
          assert.deepEqual(summary(findings), summary(expected.map((m) => ({ ...m, message: '', severity: m.severity as Finding['severity'] }))));
          for (const finding of findings) assert.ok(finding.message.length > 0);
        });

        if (rule.fixable !== 'none' && fixture.name.startsWith('bad')) {
          it(`fixes in ${fixture.name} remove their finding and keep the file valid`, () => {
            for (const finding of findingsOf(rule, fixture.text).filter((f) => f.rule === rule.id && f.fix)) {
              const fixed = applyEdits(fixture.text, finding.fix!.edits);
              const after = findingsOf(rule, fixed);
              assert.ok(!after.some((f) => f.rule === rule.id && f.range.start.line === finding.range.start.line), `still fires after "${finding.fix!.title}":\n${fixed}`);
              assert.ok(!after.some((f) => f.severity === 'error'), `fix introduced an error:\n${fixed}`);
              // Comments (including the markers) survive every fix.
              const comments = (text: string) => text.split('\n').filter((line) => line.trimStart().startsWith('#'));
              assert.deepEqual(comments(fixed), comments(fixture.text));
            }
          });
        }
      }
    });
  }
});
