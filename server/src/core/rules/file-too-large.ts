import type { DocumentKind } from '../document-kind';
import type { RuleMeta } from './rule';

/**
 * The largest documents Dockhand analyses. Analysis is synchronous, so a file
 * past these would freeze the editor's language server for seconds; real
 * Dockerfiles stay under a few hundred lines (the largest in the corpus is
 * 10 KB) and compose files under a few thousand. Compose allows long lines:
 * deeply indented YAML is wide without being much work.
 */
export const analysisLimits: Readonly<Record<DocumentKind, { readonly characters: number; readonly lines: number }>> = {
  dockerfile: { characters: 512 * 1024, lines: 5_000 },
  compose: { characters: 3 * 1024 * 1024, lines: 20_000 },
};

/** Reported by the analysis itself, not by a check: it replaces every other finding on a file over the limits. */
export const fileTooLarge: RuleMeta = {
  id: 'file-too-large',
  // Applies to compose files as well; a rule names one language, and the Dockerfile table is where readers look first.
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'info',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      `A Dockerfile over ${analysisLimits.dockerfile.lines.toLocaleString('en-US')} lines or ${analysisLimits.dockerfile.characters / 1024} KiB, ` +
      `or a compose file over ${analysisLimits.compose.lines.toLocaleString('en-US')} lines or ${analysisLimits.compose.characters / 1024 / 1024} MiB: ` +
      'Dockhand does not analyse it, and says so once instead of reporting nothing.',
    why:
      'Analysis runs on every edit, in the same process that answers hovers and completions, so a file ' +
      'of many megabytes (a generated file, a log opened by mistake) would freeze the editor. Past the ' +
      'limits the file gets this one finding and no others, hovers and symbols are empty, and no fix is ' +
      'offered. Nothing in it has been checked: split a generated file, or keep it out of the workspace. ' +
      'Turn the rule off (`file-too-large: off`) to hide the notice; the limits still apply.',
    example: `# A generated Dockerfile with one RUN per package, ${(analysisLimits.dockerfile.lines * 2).toLocaleString('en-US')} lines long:\nFROM debian:12\nRUN apt-get update\nRUN apt-get install -y package-1\n# ...and ${(analysisLimits.dockerfile.lines * 2 - 4).toLocaleString('en-US')} more RUN lines\n`,
    fixedExample: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends package-1 package-2 \\\n    && rm -rf /var/lib/apt/lists/*\n',
  },
};

/** Why a document is over the limits, or undefined when it is analysed. Linear in the limits, not in the text. */
export function exceededLimit(kind: DocumentKind, text: string): string | undefined {
  const limit = analysisLimits[kind];
  const what = kind === 'dockerfile' ? 'This Dockerfile' : 'This compose file';
  if (text.length > limit.characters) {
    return `${what} is ${megabytes(text.length)}, over the ${megabytes(limit.characters)} Dockhand analyses, so no other problems are reported in it.`;
  }
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (++lines > limit.lines) {
      return `${what} has more than ${limit.lines.toLocaleString('en-US')} lines, the most Dockhand analyses, so no other problems are reported in it.`;
    }
  }
  return undefined;
}

function megabytes(characters: number): string {
  return characters >= 1024 * 1024 ? `${Number((characters / 1024 / 1024).toFixed(1))} MiB` : `${Math.round(characters / 1024)} KiB`;
}
