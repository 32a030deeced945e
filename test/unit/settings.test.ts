import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, analyzeText } from '../../server/src/core';
import { documentStatus, effectiveConfiguration } from '../../server/src/custom-requests';
import { readServerSettings } from '../../server/src/settings';

describe('server settings', () => {
  it('turns every rule of a disabled language off, and only those', () => {
    const settings = readServerSettings({ dockerfile: { enable: false }, rules: { 'obsolete-version': 'error' } }, undefined);
    assert.deepEqual(settings.enabled, { dockerfile: false, compose: true });
    for (const rule of allRules) {
      if (rule.language === 'dockerfile') assert.equal(settings.analysis.rules[rule.id], 'off', rule.id);
    }
    assert.equal(settings.analysis.rules['obsolete-version'], 'error');
    assert.deepEqual(settings.userRules, { 'obsolete-version': 'error' });
    assert.deepEqual(analyzeText('dockerfile', 'FROM ubuntu\nCMD bash\n', settings.analysis).findings, []);
  });

  it('re-enabling a language restores the rules the user set', () => {
    const off = readServerSettings({ compose: { enable: false }, rules: { 'untagged-base-image': 'error' } }, undefined);
    const on = readServerSettings({ compose: { enable: true } }, undefined, off);
    assert.equal(on.enabled.compose, true);
    assert.equal(on.analysis.rules['obsolete-version'], undefined);
    assert.equal(on.analysis.rules['untagged-base-image'], 'error');
  });

  it('reads formatting from the section or the initialization options, ignoring wrong types', () => {
    assert.deepEqual(readServerSettings({ format: { uppercaseKeywords: false, continuationIndent: 2 } }, undefined).analysis.formatting, { uppercaseKeywords: false, continuationIndent: 2 });
    assert.deepEqual(readServerSettings(undefined, { format: { continuationIndent: 8 }, dockerfile: { enable: false } }).analysis.formatting, { continuationIndent: 8 });
    assert.equal(readServerSettings(undefined, { dockerfile: { enable: false } }).enabled.dockerfile, false);
    assert.equal(readServerSettings({ format: { continuationIndent: 'wide' } }, undefined).analysis.formatting, undefined);
    assert.deepEqual(readServerSettings({ format: { compose: false } }, undefined).analysis.formatting, { compose: false });
  });
});

describe('custom requests', () => {
  it('dockhand/effectiveConfiguration gives each stage its final USER, WORKDIR, ENV, ports and command', () => {
    const analysis = analyzeText('dockerfile', 'FROM node:22-alpine AS base\nARG V=1\nENV APP_VERSION=$V HOME_DIR=/app\nWORKDIR /app\nFROM base\nUSER 10001\nEXPOSE 3000 53/udp\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]\n');
    assert.equal(analysis.kind, 'dockerfile');
    if (analysis.kind !== 'dockerfile') return;
    const { stages } = effectiveConfiguration('file:///w/Dockerfile', analysis);
    assert.equal(stages.length, 2);
    assert.deepEqual(stages[0]!.env, [{ name: 'APP_VERSION', value: '1', line: 2 }, { name: 'HOME_DIR', value: '/app', line: 2 }]);
    assert.equal(stages[0]!.command, null);
    const last = stages[1]!;
    assert.deepEqual({ name: last.name, base: last.base, isFinal: last.isFinal, dependsOn: last.dependsOn, user: last.user, workdir: last.workdir, ports: last.ports }, { name: null, base: 'base', isFinal: true, dependsOn: ['base'], user: '10001', workdir: '/app', ports: ['3000', '53/udp'] });
    assert.equal(last.env.length, 2, 'ENV is inherited from the stage built FROM');
    assert.deepEqual(last.command, ['/sbin/tini', '--', 'node', 'server.js']);
  });

  it('dockhand/documentStatus counts rules, problems and suppressed findings', () => {
    const analysis = analyzeText('dockerfile', 'FROM alpine:3.20\n# dockhand-ignore shell-form-command\nCMD echo hi\n', { rules: { 'image-runs-as-root': 'off' } });
    const settings = readServerSettings({ rules: { 'image-runs-as-root': 'off' } }, undefined);
    const status = documentStatus('file:///w/Dockerfile', analysis, settings);
    const dockerfileRules = allRules.filter((r) => r.language === 'dockerfile');
    assert.equal(status.totalRules, dockerfileRules.length);
    assert.equal(status.enabledRules, dockerfileRules.filter((r) => r.enabledByDefault !== false).length - 1);
    assert.equal(status.rulesOffByConfiguration, 1);
    assert.equal(status.suppressed, 1);
    assert.equal(status.enabled, true);
  });
});
