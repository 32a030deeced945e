import { buildkitFacts } from '../buildkit/facts';
import { stageReferences } from '../buildkit/stage-references';
import type { DockerfileRule } from '../rule';

export const uppercaseStageName: DockerfileRule = {
  id: 'uppercase-stage-name',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:StageNameCasing'],
  docs: {
    finds: 'A stage name (`FROM image AS Name`) with upper-case letters.',
    why:
      'BuildKit lowercases stage names when it stores them. `COPY --from=Build` and ' +
      '`RUN --mount=from=Build` still find the stage, but a later `FROM Build` does not: it is ' +
      'read as an image name and the build fails with "repository name must be lowercase" ' +
      '(moby/buildkit#2003). Lower-case names avoid the trap. The quick fix lowercases the ' +
      'name and every `FROM`, `COPY --from` and `RUN --mount from=` that refers to it.',
    example: 'FROM golang:1.23 AS Build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=Build /app /app\n',
    fixedExample: 'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
  },
  check({ model, report }) {
    const facts = buildkitFacts(model);
    facts.froms.forEach((from, index) => {
      const name = from.name;
      if (name === undefined || !from.nameRange || name === name.toLowerCase()) return;
      const lower = name.toLowerCase();
      const edits = [from.nameRange, ...stageReferences(facts, index)].map((range) => ({ range, newText: lower }));
      report({
        range: from.nameRange,
        message: `Stage name '${name}' should be lowercase: a later 'FROM ${name}' would be read as an image name.`,
        fix: { title: `Rename stage '${name}' to '${lower}' everywhere it is used`, edits },
      });
    });
  },
};
