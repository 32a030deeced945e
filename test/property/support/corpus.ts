// The shared corpus of real Dockerfiles and compose files (../shared/corpus).
// A fresh clone has none: every caller must skip cleanly without it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentKind } from '../../../server/src/core';

export const repoRoot = path.join(__dirname, '..', '..', '..');
export const corpusRoot = process.env['DOCKHAND_CORPUS'] ?? path.join(repoRoot, '..', 'shared', 'corpus');

export interface CorpusFile {
  kind: DocumentKind;
  name: string;
  text: string;
}

export const hasCorpus = fs.existsSync(path.join(corpusRoot, 'dockerfile')) && fs.existsSync(path.join(corpusRoot, 'compose'));

/** Every corpus file, Dockerfiles first, by name; empty without the corpus. */
export function corpusFiles(): CorpusFile[] {
  if (!hasCorpus) return [];
  const read = (kind: DocumentKind, folder: string): CorpusFile[] =>
    fs
      .readdirSync(path.join(corpusRoot, folder))
      .sort()
      .map((name) => ({ kind, name: `${folder}/${name}`, text: fs.readFileSync(path.join(corpusRoot, folder, name), 'utf8') }));
  return [...read('dockerfile', 'dockerfile'), ...read('compose', 'compose')];
}

/** The seed of every random choice: fixed, so a run is reproducible; `DOCKHAND_FUZZ_SEED` varies it. */
export function fuzzSeed(): number {
  const configured = Number(process.env['DOCKHAND_FUZZ_SEED']);
  return Number.isInteger(configured) ? configured : 20_240_611;
}
