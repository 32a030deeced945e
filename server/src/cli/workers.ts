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

/**
 * Lints `jobs` on `threads` workers, handing out small batches as workers
 * finish so that a few large files do not hold one worker back; outcomes come
 * back in the order of `jobs`.
 */
export function lintInWorkers(jobs: readonly LintJob[], options: LinterOptions, threads: number, onProgress: (done: number) => void): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: FileOutcome[] = new Array<FileOutcome>(jobs.length);
    const batchSize = Math.max(1, Math.min(32, Math.ceil(jobs.length / (threads * 8))));
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let running = threads;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    for (let i = 0; i < threads; i++) {
      const workerData: WorkerData = { dockhandLintWorker: true, options };
      const worker = new Worker(__filename, { workerData });
      workers.push(worker);
      const feed = (): void => {
        if (next >= jobs.length) {
          void worker.terminate();
          return;
        }
        const batch = jobs.slice(next, next + batchSize).map((job, offset) => ({ index: next + offset, job }));
        next += batch.length;
        worker.postMessage({ jobs: batch } satisfies JobsMessage);
      };
      worker.on('message', (message: OutcomesMessage) => {
        for (const { index, outcome } of message.outcomes) outcomes[index] = outcome;
        done += message.outcomes.length;
        onProgress(done);
        feed();
      });
      worker.on('error', fail);
      worker.on('exit', () => {
        if (--running === 0 && !failed) {
          if (done === jobs.length) resolve(outcomes);
          else fail(new Error('a lint worker stopped before finishing its files'));
        }
      });
      feed();
    }
  });
}
