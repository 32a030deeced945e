import { copyFroms, resolveFrom } from '../practice/copy-from';
import type { DockerfileRule } from '../rule';

export const copyFromLaterStage: DockerfileRule = {
  id: 'copy-from-later-stage',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['hadolint:DL3022'],
  docs: {
    finds: '`COPY --from` naming a stage that is defined further down, or a stage number that does not exist.',
    why:
      'Stages are built in order, so a COPY can only take files from a stage defined above it. ' +
      'BuildKit stops with "cannot copy from stage ..., it needs to be defined before current stage", ' +
      'or "invalid stage index" for a number beyond the last stage (stages are numbered from 0). ' +
      'Move the stage up, or copy from the right one.',
    example: 'FROM alpine:3.20 AS final\nCOPY --from=build /out/app /app\nFROM golang:1.23 AS build\nRUN go build -o /out/app .\n',
    fixedExample: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20 AS final\nCOPY --from=build /out/app /app\n',
  },
  check({ model, report }) {
    for (const from of copyFroms(model)) {
      const target = resolveFrom(model, from.value);
      if (target === 'invalid-index') {
        report({ range: from.range, message: `COPY --from=${from.value}: there is no stage ${from.value} (this file has ${model.stages.length}, numbered from 0).` });
      } else if (target && target.index > from.stage.index) {
        const line = target.from.getRange().start.line + 1;
        report({ range: from.range, message: `COPY --from=${from.value} names a stage defined later (line ${line}); a stage can only copy from stages above it.` });
      }
    }
  },
};
