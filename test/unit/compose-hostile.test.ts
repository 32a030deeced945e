import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, type Finding, memoryFileAccess } from '../../server/src/core';
import { interpolate, parseTemplate } from '../../server/src/core/compose/interpolation';
import { ComposeModel } from '../../server/src/core/compose/model';
import { validateSchema } from '../../server/src/core/compose/schema';

/** Every compose rule on a saved document, timed: hostile input must neither throw nor hang. */
function lintTimed(text: string, budgetMs = 5_000): Finding[] {
  const started = performance.now();
  const findings = analyzeText('compose', text, { rules: { 'service-without-init': 'info' } }, { files: memoryFileAccess({}), path: '/p/compose.yaml' }).findings;
  const elapsed = performance.now() - started;
  assert.ok(elapsed < budgetMs, `took ${Math.round(elapsed)} ms`);
  assert.deepEqual(
    findings.filter((f) => f.rule === 'internal-error'),
    [],
  );
  return findings;
}

function billionLaughs(levels: number, width: number): string {
  const lines = ['x-l0: &l0 "lol"'];
  for (let level = 1; level <= levels; level++) lines.push(`x-l${level}: &l${level} [${Array.from({ length: width }, () => `*l${level - 1}`).join(', ')}]`);
  lines.push('services:', '  web:', '    image: nginx:1.27', `    labels:`, `      bomb: *l${levels}`, '    privileged: true', '');
  return lines.join('\n');
}

describe('hostile compose input', () => {
  it('survives a billion laughs without expanding it, and still runs the other rules', () => {
    const text = billionLaughs(9, 10);
    const findings = lintTimed(text, 3_000);
    const bomb = findings.find((f) => f.rule === 'yaml-syntax');
    assert.match(bomb?.message ?? '', /alias bomb/);
    assert.ok(findings.some((f) => f.rule === 'privileged-service'), 'rules that do not expand aliases still run');
    assert.deepEqual(validateSchema(new ComposeModel(text)), [], 'the schema check does not expand it');
  });

  it('survives an alias that contains itself', () => {
    const findings = lintTimed('x-loop: &loop\n  - *loop\nservices:\n  web:\n    <<: *missing\n    image: nginx:1.27\n    labels: *loop\n');
    assert.ok(findings.some((f) => f.rule === 'yaml-syntax'));
  });

  it('survives merge keys that merge each other', () => {
    lintTimed('x-a: &a\n  restart: always\nx-b: &b\n  <<: *a\n  init: true\nservices:\n  web:\n    <<: [*b, *a, *b]\n    image: nginx:1.27\n');
  });

  it('survives 10,000 levels of nesting, and still analyses the rest', () => {
    const depth = 10_000;
    const rest = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    for (const text of [
      `x-flow: ${'['.repeat(depth)}${']'.repeat(depth)}\n${rest}`,
      `x-map: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n${rest}`,
      `x-seq:\n  ${'- '.repeat(depth)}x\n${rest}`,
      // Block nesting needs a column per level: 2,000 levels already make a 2 MB file.
      `x-block:\n${Array.from({ length: 2_000 }, (_, i) => `  ${' '.repeat(i)}k:`).join('\n')}\n${rest}`,
    ]) {
      const findings = lintTimed(text);
      assert.ok(findings.some((f) => f.rule === 'yaml-syntax' && /nests deeper/.test(f.message)));
      assert.ok(findings.some((f) => f.rule === 'privileged-service'));
    }
  });

  it('keeps analysing broken YAML', () => {
    const findings = lintTimed('services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports: ["8080:80"\n  db:\n    image: postgres:17\n');
    assert.ok(findings.some((f) => f.rule === 'yaml-syntax'));
    assert.ok(findings.some((f) => f.rule === 'privileged-service'));
  });

  it('handles files that are not compose files at all', () => {
    for (const text of ['', '---\n', '42\n', '- a\n- b\n', 'services: 3\n', 'services:\n  web: [1, 2]\n', '\t\tservices:\n', 'services:\n  ? [a, b]\n  : x\n', '\u0000\u0001']) lintTimed(text);
  });

  it('handles many services, many aliases and long lines quickly', () => {
    const services = Array.from({ length: 1_500 }, (_, i) => `  s${i}:\n    <<: *d\n    image: example/s:${i}\n    ports:\n      - "${10_000 + i}:80"\n    depends_on: [s${(i + 1) % 1_500}]`).join('\n');
    const findings = lintTimed(`x-d: &d\n  restart: always\nservices:\n${services}\n`, 10_000);
    assert.equal(findings.filter((f) => f.rule === 'circular-dependency').length, 1_500, 'one cycle through every service');
    lintTimed(`services:\n  web:\n    image: nginx:1.27\n    command: "${'$A '.repeat(50_000)}"\n`);
  });

  it('bounds nested interpolation defaults', () => {
    const text = `${'${A:-'.repeat(5_000)}x${'}'.repeat(5_000)}`;
    assert.doesNotThrow(() => parseTemplate(text));
    assert.doesNotThrow(() => interpolate(text, () => undefined));
    lintTimed(`services:\n  web:\n    image: nginx:1.27\n    environment:\n      X: "${text}"\n`);
  });
});
