// Dockerfile analysis speed against the peers in node_modules, on the shared corpus.
// Run with `npm run bench`; prints ratios, exits 1 when a target is missed.
//
// The peers are measured first, before Dockhand's core is loaded: the core
// memoizes dockerfile-ast's getters on their prototypes, which would speed the
// peers up too. So each peer runs as it ships, and Dockhand as it ships.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type * as Analysis from '../server/src/analysis';
import { validate } from 'dockerfile-utils';
import { type Check, corpusFiles, measure, ms, printChecks } from './common';

const analysisBundle = path.join(__dirname, '..', 'dist', 'server-analysis.js');

export async function benchDockerfiles(): Promise<boolean | undefined> {
  const files = corpusFiles('dockerfile');
  if (!files) {
    console.log('dockerfile bench: ../shared/corpus/dockerfile is absent, skipped');
    return undefined;
  }
  const parseAll = () => {
    for (const file of files) DockerfileParser.parse(file.text);
  };
  const validateAll = () => {
    for (const file of files) validate(file.text);
  };
  const parse = measure(parseAll);
  const peer = measure(validateAll);

  // The core as it ships: the esbuild bundle the server loads (dist/server-analysis.js), as
  // the peers run as they ship; running the TypeScript through tsx would add its own wrappers.
  if (!fs.existsSync(analysisBundle)) throw new Error('dist/server-analysis.js is missing: run `npm run build` first');
  const { allRules, analyzeText, clearCrossDocumentCaches } = (await import(analysisBundle)) as typeof Analysis;
  // Every rule on, including those off by default: the full analysis.
  const settings = { rules: Object.fromEntries(allRules.filter((r) => r.language === 'dockerfile').map((r) => [r.id, r.defaultSeverity])) };
  // Cold per file: the core remembers parsed RUN scripts by their text across
  // analyses (for the editor), and the corpus repeats scripts between files and
  // between rounds; each analysis starts without them, the clearing timed too.
  const analyzeCold = (text: string) => {
    clearCrossDocumentCaches();
    analyzeText('dockerfile', text, settings);
  };
  const analyzeAll = () => {
    for (const file of files) analyzeCold(file.text);
  };
  const dockhand = measure(analyzeAll);
  const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
  console.log(`Dockerfiles: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${settings.rules ? Object.keys(settings.rules).length : 0} rules (median of 11 corpus rounds after 6 warm-up rounds)`);
  console.log(`  bare dockerfile-ast parse      ${ms(parse)}`);
  console.log(`  dockerfile-utils validate()    ${ms(peer)}`);
  console.log(`  Dockhand full analysis         ${ms(dockhand)}`);

  const largest = files.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  // The same amount of work per round for both sizes, so GC and JIT affect them alike.
  const one = measure(() => analyzeCold(largest.text), { inner: 20, rounds: 11 });
  const repeated = largest.text.endsWith('\n') ? largest.text : `${largest.text}\n`;
  const tenTimes = repeated.repeat(10);
  const ten = measure(() => analyzeCold(tenTimes), { inner: 2, rounds: 11 });
  console.log(`  largest file (${largest.name}, ${largest.text.split('\n').length} lines)  ${ms(one)}; repeated 10x ${ms(ten)}`);

  return printChecks('Dockerfile targets', [
    { name: 'full analysis vs dockerfile-utils validate()', ok: dockhand <= peer, detail: `${(dockhand / peer).toFixed(2)}x (target <= 1)` },
    { name: 'full analysis vs bare parse', ok: dockhand <= 2 * parse, detail: `${(dockhand / parse).toFixed(2)}x (target <= 2)` },
    { name: 'largest file', ok: one < 20, detail: `${ms(one)} (target < 20 ms)` },
    { name: 'linear in size', ok: ten <= 12 * one, detail: `10x content takes ${(ten / one).toFixed(1)}x (target <= 12)` },
  ] satisfies Check[]);
}

if (require.main === module) {
  void benchDockerfiles().then((ok) => {
    if (ok === false) process.exitCode = 1;
  });
}
