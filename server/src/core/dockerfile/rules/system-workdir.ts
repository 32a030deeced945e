import type { Instruction } from 'dockerfile-ast';
import { normalize } from '../../paths';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

/** Kernel and boot file systems: at run time Docker mounts over them, hiding what the build put there. */
const mountedTrees = ['/proc', '/sys', '/dev', '/boot', '/lost+found', '/initrd'];
/** System folders whose own contents a build should not mix with the app's files. */
const systemFolders = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/lib', '/lib64', '/usr/lib', '/usr/lib64', '/etc', '/usr']);

export const systemWorkdir: DockerfileRule = {
  id: 'system-workdir',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['trivy:DS-0030'],
  docs: {
    finds:
      'A `WORKDIR` inside `/proc`, `/sys`, `/dev`, `/boot`, `/lost+found` or `/initrd`, or equal to a system folder such as ' +
      '`/bin`, `/usr/bin`, `/lib` or `/etc` that a later `COPY`/`ADD` copies into with a relative destination.',
    why:
      'When a container starts, Docker mounts the kernel\'s `proc` and `sysfs` and a fresh `/dev` ' +
      'over those paths, so files a build writes there vanish at run time, and a process working ' +
      'inside them is one step from the host\'s kernel interfaces. A system folder such as `/usr/bin` ' +
      'or `/etc` as `WORKDIR` makes `COPY . .` and other relative destinations mix the app with the ' +
      'distribution\'s own files, where they can replace system binaries or configuration (a system ' +
      'folder is reported when a later `COPY`/`ADD` writes into it that way). Give the app its own ' +
      'folder: `WORKDIR /app` (or `/srv/app`, `/opt/app`). `WORKDIR /` and subfolders of `/etc` or ' +
      '`/usr` (`/etc/nginx`, `/usr/src/app`) are fine and not reported.',
    example: 'FROM alpine:3.20\nWORKDIR /usr/bin\nCOPY tool .\n',
    fixedExample: 'FROM alpine:3.20\nWORKDIR /app\nCOPY tool .\n',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const state = model.state.after(instruction);
        if (!state || state.distro === 'windows' || state.workdir?.instruction !== instruction) continue;
        const value = state.workdir.value;
        if (value.includes('$') || !value.startsWith('/')) continue;
        const path = normalize(value);
        const tree = mountedTrees.find((root) => path === root || path.startsWith(`${root}/`));
        const range = instruction.getArgumentsRange() ?? instruction.getRange();
        if (tree) {
          report({ range, message: `WORKDIR ${path} is inside ${tree}, which Docker mounts over when the container starts, so files put there are hidden at run time; use a folder such as /app.` });
        } else if (systemFolders.has(path)) {
          const writer = relativeCopyAfter(model, stage.instructions, instruction);
          if (!writer) continue;
          report({ range, message: `WORKDIR ${path} is a system folder, and ${writer.getKeyword()} on line ${writer.getRange().start.line + 1} copies into it among the distribution's own files; use a folder such as /app.` });
        }
      }
    }
  },
};

/** The first later COPY/ADD of the stage whose destination is relative to this WORKDIR. */
function relativeCopyAfter(model: DockerfileModel, instructions: readonly Instruction[], workdir: Instruction): Instruction | undefined {
  for (const instruction of instructions.slice(instructions.indexOf(workdir) + 1)) {
    if (model.state.before(instruction)?.workdir?.instruction !== workdir) return undefined;
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const args = instruction.getArguments();
    const destination = args[args.length - 1]?.getValue() ?? '';
    if (args.length >= 2 && !destination.startsWith('/') && !destination.startsWith('$') && !args[0]!.getValue().startsWith('<<')) return instruction;
  }
  return undefined;
}
