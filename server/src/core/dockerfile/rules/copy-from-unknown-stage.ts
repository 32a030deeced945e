import { copyFroms, resolveFrom } from '../practice/copy-from';
import type { DockerfileRule } from '../rule';

export const copyFromUnknownStage: DockerfileRule = {
  id: 'copy-from-unknown-stage',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['hadolint:DL3022'],
  docs: {
    finds: '`COPY --from=NAME` where NAME is a bare word that names no stage of the Dockerfile, so it is read as an image.',
    why:
      'When `--from` names no stage, BuildKit treats it as an image reference: `COPY --from=biuld` ' +
      'with a typo tries to pull `docker.io/library/biuld:latest` and fails, and `COPY --from=nginx` ' +
      'silently copies from whatever `nginx:latest` is today. Name a stage defined above, or write the ' +
      'image with a tag (`--from=nginx:1.27`). A named build context (`docker buildx build ' +
      '--build-context NAME=...`, compose `additional_contexts`) also satisfies the name.',
    example: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=builder /out/app /app\n',
    fixedExample: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n',
  },
  check({ model, report }) {
    for (const from of copyFroms(model)) {
      if (resolveFrom(model, from.value) !== undefined) continue;
      // A name with a tag, digest, namespace or registry is plainly an image; a bare word may be a mistyped stage.
      if (/[:@/]/.test(from.value)) continue;
      const names = model.stages.map((stage) => stage.name).filter((name): name is string => name !== undefined);
      const hint = names.length > 0 ? ` (stages: ${names.join(', ')})` : '';
      report({
        range: from.range,
        message: `'${from.value}' is no stage of this Dockerfile${hint}, so unless the build passes a named context, BuildKit pulls the image '${from.value}:latest'.`,
      });
    }
  },
};
