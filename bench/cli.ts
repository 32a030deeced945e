// `dockhand lint` over the whole shared corpus in one process, against the peers over the same files:
// dockerfile-utils' validate() over the Dockerfiles and dclint over the compose files.
// Wall time and peak RSS of each process; Dockhand also on four copies of the corpus, to show
// that memory stays flat as the number of files grows. Run with `npm run build && npm run bench`.
//
// The corpus files are named `owner__repo__path__Dockerfile` / `...__compose.yaml`, which a
// folder walk does not take (it keeps to the names Docker itself uses), so the bench names them
// with globs: `dockhand lint 'dockerfile/*' 'compose/*'`.
//
// The peers do not run ShellCheck, so the measured runs pass `--shellcheck off`; when ShellCheck
// is on PATH, one more run shows what the default (`--shellcheck auto`) costs on top.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findShellcheck } from '../server/src/node/shellcheck';
import { type Check, corpusRoot, printChecks } from './common';

const repository = path.join(__dirname, '..');
const cli = path.join(repository, 'dist', 'cli.js');

interface ProcessRun {
  wallMs: number;
  /** Peak resident set size of the whole process, workers included, in MiB. */
  rssMiB: number;
  /** User + system CPU time of all its threads: what the run costs whatever else the machine is doing. */
  cpuMs: number;
}

// Preloaded into every measured process: records its own peak RSS when it exits.
const probeSource = `process.on('exit', () => {
  const usage = process.resourceUsage();
  require('fs').writeFileSync(process.env.DOCKHAND_BENCH_RSS, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
});
`;

// dockerfile-utils has no multi-file CLI: its API, the way a tool built on it would run it.
const dockerfileUtilsScript = `
const fs = require('fs'), path = require('path');
const { validate } = require(${JSON.stringify(require.resolve('dockerfile-utils'))});
const folder = process.argv[1];
let problems = 0;
for (const name of fs.readdirSync(folder).sort()) problems += validate(fs.readFileSync(path.join(folder, name), 'utf8')).length;
process.stdout.write(JSON.stringify({ problems }));
`;

function measureProcess(args: readonly string[], cwd: string, scratch: string): ProcessRun {
  const rssFile = path.join(scratch, 'rss.txt');
  fs.rmSync(rssFile, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', path.join(scratch, 'probe.cjs'), ...args], {
    cwd,
    env: { ...process.env, DOCKHAND_BENCH_RSS: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wallMs = performance.now() - start;
  if (result.status === null || result.status > 1) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const usage = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpu: number };
  return { wallMs, rssMiB: usage.maxRSS / 1024, cpuMs: usage.cpu / 1000 };
}

/** The median wall time (and the peak RSS of that run) over several runs. */
function median(rounds: number, run: () => ProcessRun): ProcessRun {
  const runs = Array.from({ length: rounds }, run).sort((a, b) => a.wallMs - b.wallMs);
  return runs[Math.floor(runs.length / 2)]!;
}

function show(label: string, run: ProcessRun): void {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
  console.log(`  ${label.padEnd(50)} ${seconds(run.wallMs)} wall ${seconds(run.cpuMs)} CPU ${run.rssMiB.toFixed(0).padStart(5)} MiB peak RSS`);
}

export function benchCli(): boolean | undefined {
  if (!fs.existsSync(path.join(corpusRoot, 'dockerfile')) || !fs.existsSync(path.join(corpusRoot, 'compose'))) {
    console.log('cli bench: ../shared/corpus is absent, skipped');
    return undefined;
  }
  if (!fs.existsSync(cli)) {
    console.log('cli bench: dist/cli.js is missing; run `npm run build` first');
    return false;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-bench-'));
  try {
    fs.writeFileSync(path.join(scratch, 'probe.cjs'), probeSource);
    for (let copy = 1; copy <= 4; copy++) {
      for (const kind of ['dockerfile', 'compose']) fs.cpSync(path.join(corpusRoot, kind), path.join(scratch, `copy${copy}`, kind), { recursive: true });
    }
    const dockerfiles = fs.readdirSync(path.join(scratch, 'copy1', 'dockerfile')).length;
    const composeFiles = fs.readdirSync(path.join(scratch, 'copy1', 'compose')).sort();
    const lint = (...globs: string[]) => [cli, 'lint', '--format', 'json', '--shellcheck', 'off', ...globs];
    const dockhand = (rounds: number, ...args: string[]) => median(rounds, () => measureProcess(args, scratch, scratch));

    console.log(`CLI: ${dockerfiles} Dockerfiles and ${composeFiles.length} compose files, ${os.availableParallelism()} cores`);
    const whole = dockhand(3, ...lint('copy1/dockerfile/*', 'copy1/compose/*'));
    const wholeSingle = dockhand(3, ...lint('--threads', '0', 'copy1/dockerfile/*', 'copy1/compose/*'));
    const fourTimes = dockhand(3, ...lint('*/dockerfile/*', '*/compose/*'));
    const fourTimesSingle = dockhand(1, ...lint('--threads', '0', '*/dockerfile/*', '*/compose/*'));
    const onlyDockerfiles = dockhand(3, ...lint('copy1/dockerfile/*'));
    const onlyCompose = dockhand(3, ...lint('copy1/compose/*'));
    const dockerfileUtils = median(3, () => measureProcess(['-e', dockerfileUtilsScript, path.join(scratch, 'copy1', 'dockerfile')], repository, scratch));
    // dclint takes tens of seconds on the corpus: one run.
    const shellcheck = findShellcheck(undefined);
    const withShellcheck = shellcheck === undefined ? undefined : dockhand(1, cli, 'lint', '--format', 'json', 'copy1/dockerfile/*', 'copy1/compose/*');
    const dclint = measureProcess([path.join(path.dirname(require.resolve('dclint/package.json')), 'bin', 'dclint.cjs'), ...composeFiles.map((name) => path.join('copy1', 'compose', name)), '-f', 'json'], scratch, scratch);

    console.log('  dockhand lint runs below: --shellcheck off');
    show('dockhand lint, whole corpus (automatic threads)', whole);
    show('dockhand lint, whole corpus, --threads 0', wholeSingle);
    show('dockhand lint, 4x the corpus (automatic threads)', fourTimes);
    show('dockhand lint, 4x the corpus, --threads 0', fourTimesSingle);
    show('dockhand lint, Dockerfiles only', onlyDockerfiles);
    show('dockerfile-utils validate(), same Dockerfiles', dockerfileUtils);
    show('dockhand lint, compose files only', onlyCompose);
    show('dclint, same compose files', dclint);
    if (withShellcheck && shellcheck) {
      show('dockhand lint, whole corpus, ShellCheck on (default)', withShellcheck);
      console.log(`    (${shellcheck} runs once per distinct shell-form RUN script; its processes' CPU is not in the CPU column)`);
    }
    else console.log('  (no shellcheck on PATH: the default run, which would use it, is not measured)');
    const ratio = (a: ProcessRun, b: ProcessRun) => `${(a.wallMs / b.wallMs).toFixed(2)}x`;
    console.log(`  ratios (wall): Dockerfiles vs dockerfile-utils ${ratio(onlyDockerfiles, dockerfileUtils)}, compose vs dclint ${ratio(onlyCompose, dclint)},`);
    console.log(`    whole corpus vs both peers together ${(whole.wallMs / (dockerfileUtils.wallMs + dclint.wallMs)).toFixed(2)}x, workers vs one thread ${ratio(whole, wholeSingle)} (1x) ${ratio(fourTimes, fourTimesSingle)} (4x)`);

    return printChecks('CLI targets', [
      { name: 'whole corpus, one invocation', ok: whole.wallMs < 2000, detail: `${(whole.wallMs / 1000).toFixed(2)} s wall (target < 2 s)` },
      { name: 'memory flat in the number of files', ok: fourTimes.rssMiB <= 1.5 * whole.rssMiB, detail: `peak RSS ${whole.rssMiB.toFixed(0)} MiB at 1x, ${fourTimes.rssMiB.toFixed(0)} MiB at 4x (target 4x <= 1.5 x 1x)` },
      { name: 'vs dockerfile-utils + dclint on the same files', ok: whole.wallMs <= dockerfileUtils.wallMs + dclint.wallMs, detail: `${(whole.wallMs / (dockerfileUtils.wallMs + dclint.wallMs)).toFixed(2)}x (target <= 1)` },
    ] satisfies Check[]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (benchCli() === false) process.exitCode = 1;
}
