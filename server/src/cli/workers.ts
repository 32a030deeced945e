// Lints over worker threads for large trees. The bundle is one file, so a worker is this same file started with workerData.
import { parentPort, Worker } from 'node:worker_threads';
import { FileLinter, type FileOutcome, type LinterOptions, type LintJob } from './linter';

export interface WorkerData {
  dockhandLintWorker: true;
  options: LinterOptions;
}

interface JobsMessage {
  jobs: { index: number; job: LintJob }[];
}

interface OutcomesMessage {
  outcomes: { index: number; outcome: FileOutcome }[];
}

export function isWorkerData(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && (data as Partial<WorkerData>).dockhandLintWorker === true;
}

/** The worker's side: lint each batch of jobs it is sent and send the outcomes back. */
export function runLintWorker(data: WorkerData): void {
  const linter = new FileLinter(data.options);
  parentPort?.on('message', (message: JobsMessage) => {
    const reply: OutcomesMessage = { outcomes: message.jobs.map(({ index, job }) => ({ index, outcome: linter.lint(job) })) };
    parentPort?.postMessage(reply);
  });
}

/** How long this thread lints before it lets the workers' messages in. */
const sliceMs = 15;
/** Batches a worker holds at once: the next one is there when it finishes one, even while this thread lints. */
const batchesAhead = 2;

/**
 * Lints `jobs` on this thread and `workers` worker threads, and returns the
 * outcomes in the order of `jobs`, as linting them one by one here would. Jobs
 * are handed out in order, in small batches as threads finish, so that a few
 * large files hold no thread back. After an outcome with an error no further
 * job is handed out, and the outcomes end at the first error, as they do on
 * one thread.
 */
export function lintInWorkers(jobs: readonly LintJob[], options: LinterOptions, workers: number, onProgress: (done: number) => void): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: FileOutcome[] = new Array<FileOutcome>(jobs.length);
    const batchSize = Math.max(1, Math.min(16, Math.ceil(jobs.length / ((workers + 1) * 16))));
    const started: Worker[] = [];
    let next = 0;
    let done = 0;
    let firstError = jobs.length;
    let running = workers + 1;
    let failed = false;

    const take = (count: number): number[] => {
      if (firstError < jobs.length) return [];
      const indices: number[] = [];
      while (indices.length < count && next < jobs.length) indices.push(next++);
      return indices;
    };
    const record = (index: number, outcome: FileOutcome): void => {
      outcomes[index] = outcome;
      done++;
      if (outcome.error !== undefined) firstError = Math.min(firstError, index);
    };
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const worker of started) void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const threadDone = (): void => {
      if (--running > 0 || failed) return;
      // Every job handed out has its outcome, so all of those up to the first error.
      if (firstError < jobs.length) resolve(outcomes.slice(0, firstError + 1));
      else if (done === jobs.length) resolve(outcomes);
      else fail(new Error('a lint worker stopped before finishing its files'));
    };

    for (let i = 0; i < workers; i++) {
      const workerData: WorkerData = { dockhandLintWorker: true, options };
      const worker = new Worker(__filename, { workerData });
      started.push(worker);
      let outstanding = 0;
      let finished = false;
      const feed = (): void => {
        while (outstanding < batchesAhead) {
          const batch = take(batchSize);
          if (batch.length === 0) break;
          outstanding++;
          worker.postMessage({ jobs: batch.map((index) => ({ index, job: jobs[index]! })) } satisfies JobsMessage);
        }
        if (outstanding === 0 && !finished) {
          finished = true;
          void worker.terminate();
        }
      };
      worker.on('message', (message: OutcomesMessage) => {
        outstanding--;
        for (const { index, outcome } of message.outcomes) record(index, outcome);
        onProgress(done);
        feed();
      });
      worker.on('error', fail);
      worker.on('exit', () => {
        if (!finished) fail(new Error('a lint worker stopped before finishing its files'));
        else threadDone();
      });
      feed();
    }

    // This thread lints too, a slice at a time, letting the workers' messages in between slices.
    let linter: FileLinter;
    try {
      linter = new FileLinter(options);
    } catch (error) {
      fail(error);
      return;
    }
    const slice = (): void => {
      if (failed) return;
      try {
        const until = performance.now() + sliceMs;
        do {
          const [index] = take(1);
          if (index === undefined) {
            threadDone();
            return;
          }
          record(index, linter.lint(jobs[index]!));
        } while (performance.now() < until);
      } catch (error) {
        fail(error);
        return;
      }
      onProgress(done);
      setImmediate(slice);
    };
    slice();
  });
}
