import type { Instruction } from 'dockerfile-ast';
import type { DockerfileRule } from '../rule';
import { runCommands } from '../security/commands';

interface FlagLike {
  getName(): string;
}

/** Git sources (`ADD https://github.com/o/r.git#v1 /src`) pin with a ref, not a checksum of a file. */
const gitSource = /^(?:git@|git:\/\/|ssh:\/\/)|\.git(?:#|$)/;

/** Commands that verify a downloaded file's integrity after the fact. */
function verifies(name: string, values: readonly string[]): boolean {
  if (/^(?:sha\d+sum|shasum|md5sum|b2sum|sha\d+)$/.test(name)) return values.some((v) => v === '-c' || v === '--check' || /^-\w*c/.test(v));
  if (name === 'gpg' || name === 'gpg2') return values.includes('--verify');
  return name === 'gpgv' || name === 'cosign' || name === 'minisign' || name === 'signify';
}

export const remoteAddWithoutChecksum: DockerfileRule = {
  id: 'remote-add-without-checksum',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: '`ADD` of an `http://` or `https://` URL without `--checksum`, when no later `RUN` in the stage verifies a checksum or signature.',
    why:
      '`ADD URL` puts whatever the server returns at build time into the image: a compromised ' +
      'server, a moved release or a swapped file is built in silently, and the build is not ' +
      'reproducible. `ADD --checksum=sha256:<hex> URL DEST` makes the build fail unless the ' +
      'download matches; it needs BuildKit (Dockerfile syntax 1.6 or later, the default with ' +
      'current Docker). Pin a versioned URL too. Without BuildKit, download in a `RUN` and check ' +
      'it there (`echo "<hex>  file" | sha256sum -c -`), which this rule also accepts. Git ' +
      'sources (`.git` URLs) are pinned with a commit instead and are not reported.',
    example: 'FROM alpine:3.20\nADD https://example.com/releases/tool-1.4.2-linux-amd64 /usr/local/bin/tool\n',
    fixedExample:
      'FROM alpine:3.20\nADD --checksum=sha256:4f1e0b7e5d2c3a9b8f6e1d0c7b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a https://example.com/releases/tool-1.4.2-linux-amd64 /usr/local/bin/tool\n',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      stage.instructions.forEach((instruction, index) => {
        if (instruction.getKeyword() !== 'ADD') return;
        const flags = (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? [];
        if (flags.some((flag) => flag.getName().toLowerCase() === 'checksum')) return;
        const args = instruction.getArguments();
        const sources = args.slice(0, -1);
        const remote = sources.filter((arg) => /^https?:\/\//i.test(arg.getValue()) && !gitSource.test(arg.getValue()));
        if (remote.length === 0) return;
        const later = { ...stage, instructions: stage.instructions.slice(index + 1) };
        if (runCommands(model, later).some((command) => verifies(command.name, command.args.map((w) => w.value)))) return;
        for (const source of remote) {
          report({
            range: source.getRange(),
            message: `ADD downloads ${source.getValue()} without --checksum, so the build trusts whatever the server returns; add --checksum=sha256:... (BuildKit only) or verify it in a RUN.`,
          });
        }
      });
    }
  },
};
