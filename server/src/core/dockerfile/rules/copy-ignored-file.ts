import type { Instruction } from 'dockerfile-ast';
import { basename } from '../../paths';
import type { DockerfileRule } from '../rule';
import { contextRelative, ignoreMatcher, ignorePatterns, readDockerignore } from '../security/context';

interface FlagLike {
  getName(): string;
}

/**
 * True when a `!` pattern may bring back the source or something under it; BuildKit
 * then copies what the exception keeps, so the source is not excluded outright.
 */
function mayBeReincluded(source: string, exceptions: readonly string[]): boolean {
  return exceptions.some((pattern) => {
    const cleaned = contextRelative(pattern) ?? '';
    const literal = cleaned.split(/[*?[\\]/)[0] ?? '';
    if (literal === '' || cleaned === source) return true;
    return literal.startsWith(`${source}/`) || `${source}/`.startsWith(literal) || source.startsWith(literal);
  });
}

export const copyIgnoredFile: DockerfileRule = {
  id: 'copy-ignored-file',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['buildkit:CopyIgnoredFile'],
  docs: {
    finds: 'A `COPY` or `ADD` source from the build context that the `.dockerignore` excludes, so it is not there to copy.',
    why:
      'Paths matched by `.dockerignore` are never sent to the builder. Copying one fails the build ' +
      '("not found") when it is a file, or copies nothing when a wildcard matched only excluded ' +
      'files, which then shows up as a missing file at run time. Either remove the pattern from ' +
      '`.dockerignore`, add an exception (`!path`), or stop copying the path. This is BuildKit\'s ' +
      '`CopyIgnoredFile` check, which BuildKit lists as experimental (enable it with ' +
      '`# check=experimental=CopyIgnoredFile`). Like BuildKit, Dockhand uses ' +
      '`<Dockerfile-name>.dockerignore` beside the Dockerfile when it exists and otherwise the ' +
      '`.dockerignore` of the Dockerfile\'s folder, taken as the build context; it matches each ' +
      'source path as written with Docker\'s own pattern rules. To stay exact it skips sources with ' +
      'wildcards or variables, the context root (`.`), and sources that a `!` exception may bring ' +
      'back in part.',
    example: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .env ./\n',
    fixedExample: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\n',
  },
  check({ model, report, files, path }) {
    if (!path) return;
    const ignoreFile = readDockerignore(files, path);
    if (!ignoreFile) return;
    const patterns = ignorePatterns(ignoreFile.text);
    if (patterns.length === 0) return;
    const matcher = ignoreMatcher(patterns);
    const exceptions = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).trim());
    const fileName = basename(ignoreFile.path);
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const flags = (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? [];
      if (flags.some((flag) => flag.getName().toLowerCase() === 'from')) continue;
      const args = instruction.getArguments();
      if (args.length < 2 || args[0]!.getValue().startsWith('<<') || args[0]!.getValue().startsWith('[')) continue;
      for (const argument of args.slice(0, -1)) {
        const written = argument.getValue();
        if (/[$*?[\]{}]/.test(written) || /^[a-z][a-z0-9+.-]*:\/\//i.test(written) || written.startsWith('git@')) continue;
        const source = contextRelative(written);
        if (!source || mayBeReincluded(source, exceptions)) continue;
        let excluded: boolean;
        try {
          excluded = matcher.ignores(source);
        } catch {
          continue;
        }
        if (!excluded) continue;
        report({
          range: argument.getRange(),
          message: `${keyword} source '${written}' is excluded by ${fileName}, so it is not in the build context; remove the pattern, add an exception, or stop copying it.`,
        });
      }
    }
  },
};
