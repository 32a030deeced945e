import { copyArgs, isArchiveName, isRemoteSource } from '../practice/copy-args';
import type { DockerfileRule } from '../rule';
import { instructionFlags } from '../syntax/flags';

/**
 * Flags that mean the same on ADD and COPY. Any other flag makes the rename change the
 * instruction: ADD-only ones (`--checksum`, `--unpack`) would be lost, and ones ADD refuses
 * (`--from`, `--parents`) would start to mean something.
 */
const sharedFlags = new Set(Object.keys(instructionFlags.ADD ?? {}).filter((flag) => flag in (instructionFlags.COPY ?? {})));

export const addLocalFile: DockerfileRule = {
  id: 'add-local-file',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3020', 'trivy:DS-0005', 'checkov:CKV_DOCKER_4'],
  docs: {
    finds: '`ADD` of local files or folders that are not archives, where `COPY` does the same.',
    why:
      'ADD does more than copy: it downloads URLs, clones Git repositories and unpacks local tar ' +
      'archives (by content, whatever the name). For plain files that extra behaviour is only a ' +
      'surprise waiting to happen, for example when a file that happens to be a tarball is unpacked ' +
      'instead of copied. COPY copies exactly what it is given. Keep ADD for remote sources with ' +
      '`--checksum` and for local archives you want extracted. The fix renames the instruction to COPY.',
    example: 'FROM python:3.12-slim\nADD requirements.txt /app/\n',
    fixedExample: 'FROM python:3.12-slim\nCOPY requirements.txt /app/\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const args = copyArgs(instruction);
      if (!args || [...args.flags.keys()].some((flag) => !sharedFlags.has(flag))) continue;
      const sources = args.sources.map((source) => (/^<<-?/.test(source) ? source : model.substituteAt(instruction, source)));
      if (sources.some((source) => source === undefined || isRemoteSource(source) || isArchiveName(source))) continue;
      const keywordRange = instruction.getInstructionRange();
      const written = instruction.getInstruction();
      const copy = written === written.toLowerCase() ? 'copy' : written === 'ADD' ? 'COPY' : 'Copy';
      const shown = sources.length === 1 ? `'${sources[0]}'` : `${sources.length} local sources`;
      report({
        range: keywordRange,
        message: `ADD copies ${shown} from the build context; COPY does the same without ADD's URL download and archive unpacking.`,
        fix: { title: 'Replace ADD with COPY', edits: [{ range: keywordRange, newText: copy }] },
      });
    }
  },
};
