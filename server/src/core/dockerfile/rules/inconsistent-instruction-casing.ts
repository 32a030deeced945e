import { buildkitFacts, knownInstructions } from '../buildkit/facts';
import type { DockerfileRule } from '../rule';

export const inconsistentInstructionCasing: DockerfileRule = {
  id: 'inconsistent-instruction-casing',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:ConsistentInstructionCasing'],
  docs: {
    finds: 'An instruction keyword written in mixed case (`Run`), or in a different case from most of the file.',
    why:
      'Instruction keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder ' +
      'to read and to search. BuildKit counts the all-upper-case and all-lower-case keywords from ' +
      'the first `FROM` on and expects every keyword in the majority casing (upper case on a tie). ' +
      'The quick fix rewrites the keyword in that casing.',
    example: 'FROM alpine:3.20\nrun apk add --no-cache curl\nCMD ["curl", "--version"]\n',
    fixedExample: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n',
  },
  check({ model, report }) {
    const keywords = buildkitFacts(model)
      .stageInstructions.map(({ instruction }) => instruction)
      .filter((instruction) => knownInstructions.has(instruction.getKeyword()));
    let lower = 0;
    let upper = 0;
    for (const instruction of keywords) {
      const written = instruction.getInstruction();
      if (written === written.toLowerCase()) lower++;
      else if (written === written.toUpperCase()) upper++;
    }
    const majorityLower = lower > upper;
    const casing = majorityLower ? 'lowercase' : 'uppercase';
    for (const instruction of keywords) {
      const written = instruction.getInstruction();
      const wanted = majorityLower ? written.toLowerCase() : written.toUpperCase();
      if (written === wanted) continue;
      report({
        range: instruction.getInstructionRange(),
        message: `Instruction '${written}' should match the casing of most instructions in this file (${casing}).`,
        fix: { title: `Write '${wanted}'`, edits: [{ range: instruction.getInstructionRange(), newText: wanted }] },
      });
    }
  },
};
