import { copyFroms, resolveFrom } from '../practice/copy-from';
import type { DockerfileRule } from '../rule';

export const copyFromOwnStage: DockerfileRule = {
  id: 'copy-from-own-stage',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['hadolint:DL3023', 'trivy:DS-0006'],
  docs: {
    finds: '`COPY --from` naming the stage it is in.',
    why:
      'A stage cannot copy from itself: its files are what the COPY is building. BuildKit stops with ' +
      '"circular dependency detected on stage". To copy a file within the stage, use `RUN cp`; to ' +
      'copy from an earlier stage, name that stage.',
    example: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nCOPY --from=build /out/app /usr/local/bin/app\n',
    fixedExample: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /usr/local/bin/app\n',
  },
  check({ model, report }) {
    for (const from of copyFroms(model)) {
      if (resolveFrom(model, from.value) !== from.stage) continue;
      report({ range: from.range, message: `COPY --from=${from.value} names the stage it is in; a stage cannot copy from itself (BuildKit reports a circular dependency).` });
    }
  },
};
