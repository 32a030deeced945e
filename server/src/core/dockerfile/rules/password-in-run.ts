import type { DockerfileRule } from '../rule';
import type { ShellWord } from '../shell';
import { allRunCommands, type RunCommand, scanOptions, wordRange } from '../security/commands';

function findInCommand(command: RunCommand): { word: ShellWord; what: string } | undefined {
  const { name, args } = command;
  const nameWord = command.command.nameWord;
  switch (name) {
    case 'chpasswd':
      return { word: nameWord, what: 'chpasswd sets account passwords' };
    case 'passwd': {
      if (args.some((word) => word.value === '--stdin')) return { word: nameWord, what: 'passwd --stdin sets an account password' };
      const fedByPipe = command.command.pipeline !== undefined && command.command.pipeline.index > 0;
      const changesPassword = !args.some((word) => /^-(?:[dlSek]|-delete|-lock|-status|-expire)$/.test(word.value));
      return fedByPipe && changesPassword ? { word: nameWord, what: 'passwd fed by a pipe sets an account password' } : undefined;
    }
    case 'useradd':
    case 'usermod': {
      const hit = scanOptions(args, { shortWithValue: 'bcdefgGkKpPRsuZ', longWithValue: ['--password', '--home', '--shell', '--uid', '--gid', '--groups', '--comment', '--home-dir', '--base-dir', '--expiredate', '--inactive', '--skel', '--key', '--root', '--prefix', '--selinux-user'] })
        .find((option) => option.option === '-p' || option.option === '--password');
      return hit?.value && !/^[*!]+$/.test(hit.value) ? { word: hit.word, what: `${name} ${hit.option} sets an account password` } : undefined;
    }
    case 'htpasswd': {
      const batch = scanOptions(args).some((option) => option.option === '-b');
      return batch ? { word: nameWord, what: 'htpasswd -b takes the password on its command line' } : undefined;
    }
    default:
      return undefined;
  }
}

export const passwordInRun: DockerfileRule = {
  id: 'password-in-run',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['checkov:CKV2_DOCKER_17'],
  docs: {
    finds: 'A `RUN` that sets a password: `chpasswd`, `passwd --stdin` or `passwd` fed by a pipe, `useradd`/`usermod -p`, `htpasswd -b`.',
    why:
      'The command line of every `RUN` is recorded in the image history (`docker history --no-trunc`), ' +
      'so a password typed there, or passed in as a build arg, is readable by anyone who can pull ' +
      'the image, and the password hash stays in `/etc/shadow` of every container. Container users ' +
      'rarely need a password: nobody logs in, `docker exec` needs none, and `USER` switches without ' +
      'one. If a file such as an `htpasswd` list must exist, create it outside the build and mount it ' +
      'at run time (a compose `secrets:` or `configs:` entry), or build it from `RUN ' +
      '--mount=type=secret,id=NAME` so the password never reaches a layer.',
    example: 'FROM ubuntu:24.04\nRUN useradd --create-home app && echo "app:s3cret" | chpasswd\n',
    fixedExample: 'FROM ubuntu:24.04\nRUN useradd --create-home app\n',
  },
  check({ model, report }) {
    for (const command of allRunCommands(model)) {
      const found = findInCommand(command);
      if (!found) continue;
      report({ range: wordRange(model, found.word), message: `${found.what}, and RUN command lines are recorded in the image history; do not give container users passwords, or pass them with a secret mount.` });
    }
  },
};
