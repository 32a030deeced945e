import type { Instruction } from 'dockerfile-ast';
import { buildkitFacts } from '../buildkit/facts';
import type { DockerfileRule } from '../rule';

const singletons = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const overriddenInstruction: DockerfileRule = {
  id: 'overridden-instruction',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['buildkit:MultipleInstructionsDisallowed', 'hadolint:DL4003', 'hadolint:DL4004', 'hadolint:DL3012', 'trivy:DS-0016', 'trivy:DS-0007', 'trivy:DS-0023'],
  docs: {
    finds: 'A `CMD`, `ENTRYPOINT` or `HEALTHCHECK` followed by another one of the same kind in the same stage.',
    why:
      'An image has one `CMD`, one `ENTRYPOINT` and one `HEALTHCHECK`: each of these instructions ' +
      'replaces the previous one, so only the last of a stage counts and the earlier ones do ' +
      'nothing. That is usually a leftover or a misunderstanding (several commands need one ' +
      '`CMD` that runs them, or a script). The `CMD` inside `HEALTHCHECK ... CMD` is not a ' +
      'separate instruction.',
    example: 'FROM alpine:3.20\nCMD ["echo", "Hello, Norway!"]\nCMD ["echo", "Hello, Sweden!"]\n',
    fixedExample: 'FROM alpine:3.20\nCMD ["sh", "-c", "echo Hello, Norway! && echo Hello, Sweden!"]\n',
  },
  check({ model, report }) {
    let stage = -1;
    let last = new Map<string, Instruction>();
    for (const entry of buildkitFacts(model).stageInstructions) {
      if (entry.stage !== stage) {
        stage = entry.stage;
        last = new Map();
      }
      const keyword = entry.instruction.getKeyword();
      if (!singletons.has(keyword)) continue;
      const previous = last.get(keyword);
      if (previous) {
        report({
          range: previous.getInstructionRange(),
          message: `This ${keyword} has no effect: the ${keyword} on line ${entry.instruction.getRange().start.line + 1} replaces it, and only the last ${keyword} of a stage is used.`,
        });
      }
      last.set(keyword, entry.instruction);
    }
  },
};
