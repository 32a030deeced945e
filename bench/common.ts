import * as fs from 'node:fs';
import * as path from 'node:path';

/** The shared corpus beside the repository, or undefined when it is absent (then benches skip). */
export const corpusRoot = path.join(__dirname, '..', '..', 'shared', 'corpus');

export function corpusFiles(kind: 'dockerfile' | 'compose'): { name: string; text: string }[] | undefined {
  const folder = path.join(corpusRoot, kind);
  if (!fs.existsSync(folder)) return undefined;
  return fs
    .readdirSync(folder)
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(folder, name), 'utf8') }));
}

/**
 * Median wall time in milliseconds of `run` over several rounds, after
 * `warmup` untimed rounds; each round runs it `inner` times to get above timer
 * resolution. The warm-up is long enough for V8 to optimise a large code base
 * (a corpus round of the Dockerfile core takes about 6 rounds to settle: its
 * first rounds are 1.5-1.9x the steady time), so what is compared is each
 * tool's steady speed, as in an editor or a CI run over many files; the same
 * warm-up for every tool measured.
 */
export function measure(run: () => void, { rounds = 11, inner = 1, warmup = 6 } = {}): number {
  for (let i = 0; i < warmup * inner; i++) run();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < inner; i++) run();
    samples.push((performance.now() - start) / inner);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function printChecks(title: string, checks: readonly Check[]): boolean {
  console.log(`\n${title}`);
  for (const check of checks) console.log(`  ${check.ok ? 'ok  ' : 'MISS'} ${check.name}: ${check.detail}`);
  return checks.every((check) => check.ok);
}
