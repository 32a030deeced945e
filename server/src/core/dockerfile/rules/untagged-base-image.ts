import type { DockerfileRule } from '../rule';
import { referenceProblem } from '../syntax/reference';

export const untaggedBaseImage: DockerfileRule = {
  id: 'untagged-base-image',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3006', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7'],
  docs: {
    finds: 'A `FROM` base image with neither a tag nor a digest.',
    why:
      'An image without a tag means `:latest`, which the publisher moves with every release. ' +
      'The same Dockerfile then builds a different image from one week to the next, and a ' +
      'major-version jump can break the build or the app. Pin a version tag, or a digest for ' +
      'fully reproducible builds. The quick fix writes the implicit `:latest` out so that the ' +
      'moving tag is visible; choose the version yourself.',
    example: 'FROM ubuntu\nRUN echo hello\n',
    fixedExample: 'FROM ubuntu:24.04\nRUN echo hello\n',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.tag !== undefined || image.digest !== undefined) continue;
      // Not an image at all (`FROM BUILD` for stage `build`): invalid-image-reference says why, and `:latest` would not help.
      if (referenceProblem(image.text)) continue;
      const written = stage.baseText;
      const fix =
        written === image.text
          ? {
              title: `Pin ${written} to its implicit tag (${written}:latest)`,
              edits: [{ range: { start: stage.baseRange.end, end: stage.baseRange.end }, newText: ':latest' }],
            }
          : undefined;
      report({
        range: stage.baseRange,
        message: `Base image '${image.text}' has no tag, so it means '${image.text}:latest', which changes with every release; pin a version tag or a digest.`,
        ...(fix && { fix }),
      });
    }
  },
};
