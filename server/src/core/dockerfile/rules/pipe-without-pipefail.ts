import type { Fix } from '../../rules/rule';
import { basename, type Invocation, type RunInfo, runsOf } from '../practice/commands';
import { insertAt, isHeredocScript } from '../practice/edits';
import { lineRange } from '../practice/ranges';
import type { DistroFamily } from '../distro';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

/** Commands on the left of a pipe whose failure would not matter: they cannot fail in a useful way. */
const harmlessProducers = new Set(['echo', 'printf', 'yes', 'true', ':']);

export const pipeWithoutPipefail: DockerfileRule = {
  id: 'pipe-without-pipefail',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL4006', 'trivy:DS-0032'],
  docs: {
    finds: 'A RUN with a pipe (`curl ... | tar x`) whose shell does not have the `pipefail` option set.',
    why:
      'A pipeline\'s exit status is that of its last command. In `RUN curl -fsSL $URL | tar -xz`, a ' +
      'failed download gives tar an empty input, tar may still succeed, and the build goes on with a ' +
      'broken image. With `pipefail` the pipeline fails if any part fails. Set it for the RUN with ' +
      '`set -o pipefail && ...`, or for every RUN with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`. ' +
      'bash, zsh, ksh and BusyBox ash (Alpine\'s /bin/sh) support it; dash, the /bin/sh of Debian and ' +
      'Ubuntu, does not, so those images need the SHELL line (bash is always installed there). ' +
      'Pipes from `echo`, `printf` or `yes` are not reported. The fix is unsafe: a pipeline that used ' +
      'to hide a failure (`yes | cmd`, `cmd | head -1`) makes the build fail once pipefail is on.',
    example: 'FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n',
    fixedExample: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      if (run.script.hasErrors) continue;
      const state = model.state.before(run.instruction);
      const argv = state?.shell.argv ?? ['/bin/sh', '-c'];
      if (shellSetsPipefail(argv)) continue;
      const pipe = firstRiskyPipe(run);
      if (!pipe) continue;
      const shell = basename(argv[0] ?? '/bin/sh');
      const distro = state?.distro ?? 'unknown';
      const support = pipefailSupport(shell, distro, state?.shell.instruction !== undefined);
      const first = pipe[0]!.program;
      const last = pipe[pipe.length - 1]!.program;
      const advice =
        support === 'yes'
          ? `add 'set -o pipefail &&' at the start of the RUN or '-o pipefail' to SHELL`
          : support === 'dash'
            ? `Debian's /bin/sh (dash) has no pipefail, so add SHELL ["/bin/bash", "-o", "pipefail", "-c"]`
            : `add 'set -o pipefail' if this shell supports it, or switch to bash with SHELL ["/bin/bash", "-o", "pipefail", "-c"] (dash, Debian's /bin/sh, has no pipefail)`;
      const fix = pipefailFix(model, run, support);
      report({
        range: lineRange(model, pipe[0]!.command.start, pipe[pipe.length - 1]!.command.end),
        message: `A failure of '${first}' in this pipe is hidden because the RUN's status is that of '${last}'; ${advice}.`,
        ...(fix && { fix }),
      });
    }
  },
};

/** True for a SHELL such as `["/bin/bash", "-o", "pipefail", "-c"]` or `["/bin/ash", "-eo", "pipefail", "-c"]`. */
export function shellSetsPipefail(argv: readonly string[]): boolean {
  return argv.some((arg, index) => /^-[A-Za-z]*o$/.test(arg) && argv[index + 1] === 'pipefail');
}

type Support = 'yes' | 'dash' | 'unknown';

function pipefailSupport(shell: string, distro: DistroFamily, explicitShell: boolean): Support {
  if (shell === 'bash' || shell === 'zsh' || shell === 'ksh' || shell === 'ash') return 'yes';
  if (shell === 'dash') return 'dash';
  if (shell !== 'sh') return 'unknown';
  // /bin/sh is BusyBox ash on Alpine and bash on Fedora/RHEL and openSUSE; it is dash on Debian and Ubuntu.
  if (distro === 'alpine' || distro === 'rhel' || distro === 'suse') return 'yes';
  if (distro === 'debian' && !explicitShell) return 'dash';
  return 'unknown';
}

/** The first pipeline whose failure could be hidden, as its commands in order; pipes in `$(...)` do not decide the RUN's status. */
function firstRiskyPipe(run: RunInfo): Invocation[] | undefined {
  const pipelines = new Map<number, Invocation[]>();
  for (const invocation of run.invocations) {
    const pipeline = invocation.command.pipeline;
    if (!pipeline || invocation.place.inSubstitution) continue;
    pipelines.set(pipeline.start, [...(pipelines.get(pipeline.start) ?? []), invocation]);
  }
  for (const [start, members] of pipelines) {
    const ordered = members.sort((a, b) => (a.command.pipeline?.index ?? 0) - (b.command.pipeline?.index ?? 0));
    const producers = ordered.slice(0, -1);
    if (producers.length === 0 || producers.every((invocation) => harmlessProducers.has(invocation.program))) continue;
    if (pipefailSetBefore(run, start)) continue;
    return ordered;
  }
  return undefined;
}

/** `set -o pipefail` (or `set -euxo pipefail`) at the top level of the RUN, before the pipe. */
function pipefailSetBefore(run: RunInfo, start: number): boolean {
  return run.invocations.some((invocation) => {
    if (invocation.program !== 'set' || invocation.command.start >= start) return false;
    if (invocation.place.inSubshell || invocation.place.inSubstitution) return false;
    const args = invocation.args.map((arg) => arg.value);
    return args.some((arg, index) => /^-[A-Za-z]*o$/.test(arg) && args[index + 1] === 'pipefail');
  });
}

function pipefailFix(model: DockerfileModel, run: RunInfo, support: Support): Fix | undefined {
  if (support === 'yes') {
    if (isHeredocScript(model, run)) {
      if (run.script.source.startsWith('#!')) return undefined;
      const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
      return { title: 'Set pipefail for this RUN', edits: [insertAt(model, run.script.offset, `set -o pipefail${newline}`)] };
    }
    return { title: 'Set pipefail for this RUN', edits: [insertAt(model, run.script.offset, 'set -o pipefail && ')] };
  }
  if (support === 'dash') {
    const range = run.instruction.getRange();
    const keyword = run.instruction.getInstruction();
    const shellKeyword = keyword === keyword.toLowerCase() ? 'shell' : 'SHELL';
    const indent = /^[ \t]*/.exec(model.lines.lineText(range.start.line))?.[0] ?? '';
    const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
    return {
      title: 'Run this and later RUNs with bash and pipefail (SHELL)',
      edits: [insertAt(model, model.lines.offsetAt({ line: range.start.line, character: 0 }), `${indent}${shellKeyword} ["/bin/bash", "-o", "pipefail", "-c"]${newline}`)],
    };
  }
  return undefined;
}
