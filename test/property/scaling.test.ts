// No super-linear blow-ups: analysis and a sample of features on 10× the input
// take at most about 10× the time. DOCKHAND_SCALE sets the base size (default
// 60 units, 600 for the large input); a deep run uses a few hundred.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DocumentKind, LanguageService, noFileAccess } from '../../server/src/core';
import { warmUp } from './support/invariants';
import { shapes } from './support/shapes';

const base = Number(process.env['DOCKHAND_SCALE'] ?? 60);
/** 10× the input may take this many times as long: linear with room for noise and caches, far below the 100× of a quadratic. */
const maxRatio = 25;
/** Below this, a time is mostly noise, caches and JIT: the small input counts as taking at least this. */
const floorMs = 20;

/** The best of two runs of analysis, symbols, folding and a hover, each on a fresh service. */
function cost(kind: DocumentKind, text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 2; run++) {
    const service = new LanguageService(noFileAccess);
    const document = { uri: `file:///scale/${run}`, kind, version: 1, text };
    const started = performance.now();
    service.analyze(document);
    service.documentSymbols(document);
    service.foldingRanges(document);
    service.hover(document, { line: 1, character: 2 });
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe(`time grows linearly with the input (${base} units against ${base * 10})`, () => {
  warmUp();
  for (const shape of shapes) {
    it(`${shape.kind}: ${shape.name}`, () => {
      const small = cost(shape.kind, shape.text(base));
      const large = cost(shape.kind, shape.text(base * 10));
      const ratio = large / Math.max(small, floorMs);
      assert.ok(ratio <= maxRatio, `${base} units: ${small.toFixed(1)} ms, ${base * 10} units: ${large.toFixed(1)} ms (${ratio.toFixed(1)}×)`);
    });
  }
});
