import type { Range } from '../../text';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';
import { effectiveCommand, type ShellCommand } from '../shell';
import { allRunCommands, baseName, operands, scanOptions } from '../security/commands';

const shells = /^(?:sh|bash|dash|ash|zsh|ksh|mksh)$/;
const interpreters = /^(?:python\d*(?:\.\d+)?|perl|ruby|node|php)$/;

/** The downloader of a pipeline stage when it writes the download to standard output. */
function downloaderToStdout(command: ShellCommand): string | undefined {
  const { name: program, args } = effectiveCommand(command);
  const name = baseName(program);
  if (name === 'curl') {
    const options = scanOptions(args, { shortWithValue: 'AbcCdDeEFHKmoPQrTtuUwxXyYz', longWithValue: ['--output', '--header', '--data', '--user', '--proxy', '--request', '--user-agent', '--cookie', '--form', '--write-out', '--config', '--max-time', '--retry', '--connect-timeout', '--output-dir'] });
    const toFile = options.some((hit) => ((hit.option === '-o' || hit.option === '--output') && hit.value !== '-') || hit.option === '-O' || hit.option === '--remote-name' || hit.option === '--remote-name-all');
    return toFile ? undefined : 'curl';
  }
  if (name === 'wget') {
    const options = scanOptions(args, { shortWithValue: 'oaOePtTwQUlARDIXBi', longWithValue: ['--output-document', '--output-file', '--directory-prefix', '--tries', '--timeout', '--user-agent', '--header'] });
    const toStdout = options.some((hit) => (hit.option === '-O' || hit.option === '--output-document') && hit.value === '-');
    return toStdout ? 'wget' : undefined;
  }
  return undefined;
}

/** True when the shell or interpreter runs the program it reads on standard input. */
function runsStdin(name: string, args: ShellCommand['args']): boolean {
  if (shells.test(name)) {
    const options = scanOptions(args, { shortWithValue: 'oO' });
    if (options.some((hit) => hit.option === '-c')) return false;
    if (options.some((hit) => hit.option === '-s')) return true;
    const first = operands(args, { shortWithValue: 'oO' })[0]?.value;
    return first === undefined || first === '-' || first === '/dev/stdin';
  }
  if (interpreters.test(name)) {
    const options = scanOptions(args, { shortWithValue: 'cmWXerI' });
    if (options.some((hit) => hit.option === '-c' || hit.option === '-e' || hit.option === '-m' || hit.option === '-r')) return false;
    const first = operands(args, { shortWithValue: 'cmWXerI' })[0]?.value;
    return first === undefined || first === '-' || first === '/dev/stdin';
  }
  return false;
}

export const downloadPipedToShell: DockerfileRule = {
  id: 'download-piped-to-shell',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `RUN` that pipes a download into a shell or interpreter (`curl ... | sh`, `wget -qO- ... | bash`, `curl ... | python3 -`) or runs one through `sh -c "$(curl ...)"` or `bash <(curl ...)`.',
    why:
      'The build runs whatever the server sends at that moment, as root, with nothing to check it ' +
      'against: a compromised or hijacked server, a changed script or a truncated download (the shell ' +
      'runs the part that arrived) goes straight into the image, and the next build may run ' +
      'something else. Download to a file, check it against a known checksum, then run it: ' +
      '`curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo "<sha256>  /tmp/install.sh" | ' +
      'sha256sum -c - && sh /tmp/install.sh`. Better still, install from a signed package ' +
      'repository or `COPY --from` an official image that ships the tool.',
    example: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    fixedExample:
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\n' +
      'RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "5d41402abc4b2a76b9719d911017c592ae1f4e7b6a1b3e0e6c2f6b1b7f3a9c4d  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh\n',
  },
  check({ model, report }) {
    for (const command of allRunCommands(model)) {
      const { script } = command;
      const own = command.command;
      const name = command.name;
      if (!shells.test(name) && !interpreters.test(name) && name !== 'eval') continue;
      // `sh -c "$(curl ...)"`, `bash <(curl ...)`, `eval "$(wget -qO- ...)"`.
      const substituted = command.args.find((word) => /^(?:["']?\$\(|<\(|["']?`)\s*(?:curl|wget)\b/.test(word.text));
      if (substituted) {
        const downloader = /(curl|wget)/.exec(substituted.text)?.[1] ?? 'curl';
        report({ range: sameLineRange(model, own.start, substituted.end, own.nameWord), message: message(downloader, name) });
        continue;
      }
      const pipeline = own.pipeline;
      if (!pipeline || pipeline.index === 0 || name === 'eval' || !runsStdin(name, command.args)) continue;
      const earlier = script.commands.filter((c) => c.pipeline?.start === pipeline.start && c.pipeline.index < pipeline.index);
      const source = earlier.find((c) => downloaderToStdout(c) !== undefined);
      if (!source) continue;
      report({ range: sameLineRange(model, source.start, own.nameWord.end, own.nameWord), message: message(downloaderToStdout(source)!, name) });
    }
  },
};

function message(downloader: string, runner: string): string {
  return `The download from ${downloader} is run by ${runner} unchecked, so the build executes whatever the server sends; save it to a file, verify its checksum, then run it.`;
}

/** The span from `start` to `end` when it fits on one line, otherwise the runner's name. */
function sameLineRange(model: DockerfileModel, start: number, end: number, fallback: { start: number; end: number }): Range {
  const range = model.lines.rangeOf(start, end);
  return range.start.line === range.end.line ? range : model.lines.rangeOf(fallback.start, fallback.end);
}
