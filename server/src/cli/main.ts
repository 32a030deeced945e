// The CLI face: `dockhand lint`, `rules` and `explain` for CI, on the same core as the editor.
import { isMainThread, workerData } from 'node:worker_threads';
import { CliError, type CliOptions, parseArguments, UsageError, usage } from './arguments';
import { explainCommand } from './explain';
import { printable } from './printable';
import { lintCommand } from './lint';
import { rulesCommand } from './rules-command';
import { isWorkerData, runLintWorker } from './workers';

declare const DOCKHAND_VERSION: string | undefined;
const version = typeof DOCKHAND_VERSION === 'string' ? DOCKHAND_VERSION : '0.0.0-dev';

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options: CliOptions = parseArguments(argv);
    switch (options.command) {
      case 'help':
        process.stdout.write(usage);
        return 0;
      case 'version':
        process.stdout.write(`${version}\n`);
        return 0;
      case 'rules':
        process.stdout.write(rulesCommand(options));
        return 0;
      case 'explain':
        process.stdout.write(explainCommand(options));
        return 0;
      case 'lint':
        return await lintCommand(options, version);
    }
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`dockhand: ${printable(error.message)}\n${error instanceof UsageError && error.showUsage ? `\n${usage}` : ''}`);
      return 2;
    }
    process.stderr.write(`dockhand: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

if (!isMainThread && isWorkerData(workerData)) {
  runLintWorker(workerData);
} else {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
