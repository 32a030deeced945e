// `npm run fuzz`: mutants of the shared corpus (../shared/corpus) through
// analysis and a sample of language features, in worker threads. A call over
// --hang-ms is a hang; a worker that stops answering is killed by a watchdog
// and its mutant recorded as a hang. Each distinct failure is shrunk by delta
// debugging and saved to test/fixtures/regressions/, which the test suite replays.
//
//   npm run fuzz                          100,000 mutants, fixed seed
//   npm run fuzz -- --mutants 5000 --seed 7 --workers 4 --no-save
//   npm run fuzz -- --replay 1234         re-runs mutant 1234 of this seed in-process
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DocumentKind, Position } from '../server/src/core';
import { type CorpusFile, corpusFiles, corpusRoot, fuzzSeed, hasCorpus, repoRoot } from '../test/property/support/corpus';
import { exercise, positionsFrom, type Problem, signature } from '../test/property/support/invariants';
import { knownFailure } from '../test/property/support/known-failures';
import { mutate, random, shrinkAsync } from '../test/property/support/mutate';

interface Options {
  mutants: number;
  seed: number;
  workers: number;
  chunk: number;
  hangMs: number;
  save: boolean;
  shrink: boolean;
  replay: number | undefined;
}

interface Mutant {
  index: number;
  kind: DocumentKind;
  source: string;
  steps: string[];
  text: string;
  positions: Position[];
}

type Job = { type: 'mutants'; start: number; end: number } | { type: 'test'; kind: DocumentKind; text: string; signature: string };
type Reply =
  | { type: 'begin'; index: number }
  | { type: 'failure'; mutant: Mutant; problems: Problem[] }
  | { type: 'done'; count: number }
  | { type: 'tested'; fails: boolean };

const regressionsFolder = path.join(repoRoot, 'test', 'fixtures', 'regressions');

/** Mutant `index` of a seed: which file, which second file to splice in, which mutations, which positions. */
function mutantAt(files: readonly CorpusFile[], seed: number, index: number): Mutant {
  const rng = random((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const file = files[Math.floor(rng() * files.length)]!;
  const sameKind = files.filter((f) => f.kind === file.kind);
  const other = rng() < 0.9 ? sameKind[Math.floor(rng() * sameKind.length)]! : files[Math.floor(rng() * files.length)]!;
  const { text, steps } = mutate(file.text, other.text, Math.floor(rng() * 2 ** 32));
  const positions = positionsFrom(text, Array.from({ length: 3 }, () => Math.floor(rng() * 2 ** 31)));
  return { index, kind: file.kind, source: file.name, steps, text, positions };
}

/** Positions for testing a shrunk candidate: every one in a small text, a spread in a large one. */
function candidatePositions(text: string): Position[] {
  if (text.length <= 400) {
    const positions: Position[] = [];
    text.split(/\r\n?|\n/).forEach((line, number) => {
      for (let character = 0; character <= line.length; character++) positions.push({ line: number, character });
    });
    return positions;
  }
  return positionsFrom(text, Array.from({ length: 40 }, (_, i) => (i + 1) * 7_919));
}

// ---------------------------------------------------------------- worker

function runWorker(): void {
  const { seed, hangMs } = workerData as { seed: number; hangMs: number };
  const files = corpusFiles();
  parentPort!.on('message', (job: Job) => {
    if (job.type === 'test') {
      const problems = exercise(job.kind, job.text, { positions: candidatePositions(job.text), features: 'sample', budgetMs: hangMs });
      parentPort!.postMessage({ type: 'tested', fails: problems.some((p) => signature(job.kind, p) === job.signature) } satisfies Reply);
      return;
    }
    for (let index = job.start; index < job.end; index++) {
      const mutant = mutantAt(files, seed, index);
      parentPort!.postMessage({ type: 'begin', index } satisfies Reply);
      const problems = exercise(mutant.kind, mutant.text, { positions: mutant.positions, features: 'sample', budgetMs: hangMs });
      if (problems.length > 0) parentPort!.postMessage({ type: 'failure', mutant, problems } satisfies Reply);
    }
    parentPort!.postMessage({ type: 'done', count: job.end - job.start } satisfies Reply);
  });
}

function spawn(options: Options): Worker {
  // Bounded heap: a memory blow-up ends the worker, and is reported, instead of the machine.
  // Node 20 workers ignore `--import tsx`: register tsx's require hook, then load this file.
  const source = `require('tsx/cjs'); require(${JSON.stringify(__filename)});`;
  return new Worker(source, { eval: true, workerData: { seed: options.seed, hangMs: options.hangMs }, resourceLimits: { maxOldGenerationSizeMb: 1_536 } });
}

// ---------------------------------------------------------------- main

interface Failure {
  signature: string;
  kind: DocumentKind;
  mutant: Mutant;
  problem: Problem;
  count: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { mutants: 100_000, seed: fuzzSeed(), workers: Math.max(1, os.availableParallelism()), chunk: 250, hangMs: 2_000, save: true, shrink: true, replay: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): number => {
      const parsed = Number(argv[++i]);
      if (!Number.isFinite(parsed)) throw new Error(`${flag} needs a number`);
      return parsed;
    };
    if (flag === '--mutants') options.mutants = value();
    else if (flag === '--seed') options.seed = value();
    else if (flag === '--workers') options.workers = Math.max(1, value());
    else if (flag === '--chunk') options.chunk = Math.max(1, value());
    else if (flag === '--hang-ms') options.hangMs = value();
    else if (flag === '--no-save') options.save = false;
    else if (flag === '--no-shrink') options.shrink = false;
    else if (flag === '--replay') options.replay = value();
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

/** Runs every mutant over a pool of workers; a worker silent on one mutant past the watchdog is replaced. */
async function runMutants(options: Options, onFailure: (mutant: Mutant, problems: Problem[]) => void, onHang: (index: number, why: string) => void): Promise<number> {
  const watchdogMs = options.hangMs * 5;
  const queue: { start: number; end: number }[] = [];
  for (let start = 0; start < options.mutants; start += options.chunk) queue.push({ start, end: Math.min(options.mutants, start + options.chunk) });
  let finished = 0;
  let begun = 0;
  const started = Date.now();
  const progress = setInterval(() => {
    console.log(`  ${begun.toLocaleString('en-US')} / ${options.mutants.toLocaleString('en-US')} mutants, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }, 30_000);

  const slot = (): Promise<void> =>
    new Promise((resolve) => {
      let worker = spawn(options);
      let job: { start: number; end: number } | undefined;
      let current = -1;
      let since = Date.now();
      const next = (): void => {
        job = queue.shift();
        if (!job) {
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve());
          return;
        }
        current = -1;
        since = Date.now();
        worker.postMessage({ type: 'mutants', ...job } satisfies Job);
      };
      const replace = (why: string): void => {
        const lost = current;
        worker.removeAllListeners();
        void worker.terminate();
        if (job && lost >= 0) {
          onHang(lost, why);
          finished += lost - job.start + 1;
          job = { start: lost + 1, end: job.end };
        }
        worker = spawn(options);
        listen();
        if (job && job.start < job.end) {
          current = -1;
          since = Date.now();
          worker.postMessage({ type: 'mutants', ...job } satisfies Job);
        } else {
          next();
        }
      };
      const listen = (): void => {
        worker.on('message', (reply: Reply) => {
          if (reply.type === 'begin') {
            begun++;
            current = reply.index;
            since = Date.now();
          } else if (reply.type === 'failure') {
            onFailure(reply.mutant, reply.problems);
          } else if (reply.type === 'done') {
            finished += job ? job.end - job.start : reply.count;
            next();
          }
        });
        worker.on('error', (error) => {
          if (current < 0) {
            // Not a mutant's fault: the worker could not even start.
            console.error(`fuzz: a worker failed before its first mutant: ${error.stack ?? error.message}`);
            process.exit(2);
          }
          replace(`worker crashed: ${error.message}`);
        });
      };
      const watchdog = setInterval(() => {
        // Before its first mutant, a new worker is still loading the core: give it longer.
        if (job && Date.now() - since > (current >= 0 ? watchdogMs : 120_000)) replace(`no answer within ${watchdogMs} ms`);
      }, 250);
      listen();
      next();
    });

  await Promise.all(Array.from({ length: options.workers }, slot));
  clearInterval(progress);
  return finished;
}

/** Tests shrink candidates in a worker, replacing it when a candidate hangs. */
class Tester {
  private worker: Worker;
  constructor(private readonly options: Options) {
    this.worker = spawn(options);
  }

  test(kind: DocumentKind, text: string, wanted: string): Promise<boolean> {
    const hang = wanted.includes(' hang ');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.worker.removeAllListeners();
        void this.worker.terminate();
        this.worker = spawn(this.options);
        resolve(hang);
      }, this.options.hangMs * 5);
      this.worker.once('message', (reply: Reply) => {
        clearTimeout(timer);
        resolve(reply.type === 'tested' && reply.fails);
      });
      this.worker.postMessage({ type: 'test', kind, text, signature: hang ? 'never' : wanted } satisfies Job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function fixtureName(kind: DocumentKind, failure: Failure, text: string): string {
  // The rule or action involved says more than the call: `compose-range-yaml-syntax-1a2b3c4d.yaml`.
  const subject = /(?:finding|fix of) ([a-z0-9-]+)/.exec(failure.problem.message)?.[1] ?? /action "([^"]+)"/.exec(failure.problem.message)?.[1] ?? failure.problem.call.replace(/@.*$/, '');
  const slug = `${failure.problem.kind}-${subject}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, '').toLowerCase();
  const hash = createHash('sha1').update(text).digest('hex').slice(0, 8);
  return `${kind}-${slug}-${hash}.${kind === 'dockerfile' ? 'Dockerfile' : 'yaml'}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!hasCorpus) {
    console.error(`fuzz: no corpus at ${corpusRoot} (set DOCKHAND_CORPUS): nothing to mutate.`);
    process.exit(2);
  }
  if (options.replay !== undefined) {
    const mutant = mutantAt(corpusFiles(), options.seed, options.replay);
    console.log(`mutant ${mutant.index} of seed ${options.seed}: ${mutant.source} + ${mutant.steps.join(', ')}\n${JSON.stringify(mutant.text).slice(0, 2_000)}`);
    console.log(exercise(mutant.kind, mutant.text, { positions: mutant.positions, features: 'sample', budgetMs: options.hangMs }));
    return;
  }
  console.log(`fuzz: ${options.mutants.toLocaleString('en-US')} mutants of ${corpusRoot}, seed ${options.seed}, ${options.workers} workers, a call over ${options.hangMs} ms is a hang`);
  const files = corpusFiles();
  const failures = new Map<string, Failure>();
  // Mutants by their worst problem; `unknown`: those with a problem no known failure explains.
  const counts = { exceptions: 0, hangs: 0, invalid: 0, unknown: { exceptions: 0, hangs: 0, invalid: 0 } };
  const classify = (problems: readonly Problem[]): 'exceptions' | 'hangs' | 'invalid' =>
    problems.some((p) => p.kind === 'exception' || p.kind === 'internal-error') ? 'exceptions' : problems.some((p) => p.kind === 'slow') ? 'hangs' : 'invalid';
  const record = (kind: DocumentKind, mutant: Mutant, problem: Problem): void => {
    const key = signature(kind, problem);
    const existing = failures.get(key);
    if (existing) existing.count++;
    else failures.set(key, { signature: key, kind, mutant, problem, count: 1 });
  };
  const started = Date.now();
  const finished = await runMutants(
    options,
    (mutant, problems) => {
      counts[classify(problems)]++;
      const unknown = problems.filter((p) => !knownFailure(mutant.kind, mutant.text, p));
      if (unknown.length > 0) counts.unknown[classify(unknown)]++;
      for (const problem of problems) record(mutant.kind, mutant, problem);
    },
    (index, why) => {
      counts.hangs++;
      counts.unknown.hangs++;
      const mutant = mutantAt(files, options.seed, index);
      record(mutant.kind, mutant, { call: 'watchdog', kind: 'slow', message: why });
    },
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`\nfuzz: ${finished.toLocaleString('en-US')} mutants in ${seconds.toFixed(0)} s (${(finished / seconds).toFixed(0)}/s), seed ${options.seed}`);
  const line = (what: string, key: 'exceptions' | 'hangs' | 'invalid'): void => console.log(`  mutants with ${what}: ${counts[key]} (${counts.unknown[key]} not explained by test/property/support/known-failures.ts)`);
  line('an exception', 'exceptions');
  line(`a hang (a call over ${options.hangMs} ms, or no answer)`, 'hangs');
  line('an invalid result (a range outside the document, overlapping edits)', 'invalid');

  const tester = options.shrink ? new Tester(options) : undefined;
  for (const failure of [...failures.values()].sort((a, b) => b.count - a.count)) {
    const known = knownFailure(failure.kind, failure.mutant.text, failure.problem);
    console.log(`\n${failure.count} × ${failure.signature}${known ? `  [known: ${known.fixture}]` : ''}`);
    console.log(`  first seen in mutant ${failure.mutant.index} (${failure.mutant.source} + ${failure.mutant.steps.join(', ')}): npm run fuzz -- --seed ${options.seed} --replay ${failure.mutant.index}`);
    console.log(`  ${failure.problem.message.split('\n').slice(0, 3).join('\n  ')}`);
    if (known || !tester) continue;
    const wanted = failure.problem.call === 'watchdog' ? `${failure.kind} hang ` : failure.signature;
    const small = await shrinkAsync(failure.mutant.text, (candidate) => tester.test(failure.kind, candidate, wanted), wanted.includes(' hang ') || failure.problem.kind === 'slow' ? 60 : 400);
    console.log(`  shrunk to ${small.length} characters: ${JSON.stringify(small).slice(0, 300)}`);
    if (options.save) {
      fs.mkdirSync(regressionsFolder, { recursive: true });
      const name = fixtureName(failure.kind, failure, small);
      fs.writeFileSync(path.join(regressionsFolder, name), small);
      console.log(`  saved test/fixtures/regressions/${name}`);
    }
  }
  await tester?.close();
  process.exitCode = counts.unknown.exceptions + counts.unknown.hangs + counts.unknown.invalid > 0 ? 1 : 0;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
} else {
  runWorker();
}
