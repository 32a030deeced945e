import type { DockerfileRule } from '../rule';

export const latestBaseImage: DockerfileRule = {
  id: 'latest-base-image',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['hadolint:DL3007', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7'],
  docs: {
    finds: 'A `FROM` base image pinned to the `latest` tag without a digest.',
    why:
      '`latest` is an ordinary tag that the publisher moves to every new release, so it pins nothing: ' +
      'the same Dockerfile builds on a different base from one week to the next, and a major-version ' +
      'jump can break the build or the app without any change on your side. The layer cache hides ' +
      'this until the base is pulled again. Pin a version tag (`alpine:3.20`), or a digest for fully ' +
      'reproducible builds. There is no quick fix: only you can choose the version.',
    example: 'FROM alpine:latest\nRUN echo hello\n',
    fixedExample: 'FROM alpine:3.20\nRUN echo hello\n',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.tag !== 'latest' || image.digest !== undefined) continue;
      const written = stage.baseText === image.text && image.tagOffset !== undefined;
      const start = model.lines.offsetAt(stage.baseRange.start);
      const range = written ? model.lines.rangeOf(start + image.tagOffset! - 1, start + image.tagOffset! + image.tag.length) : stage.baseRange;
      report({
        range,
        message: `Base image '${image.text}' uses the 'latest' tag, which moves with every release; pin a version tag or a digest.`,
      });
    }
  },
};
