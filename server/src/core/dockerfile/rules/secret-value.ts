import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';
import { findTokens, isSecretName, looksGenerated } from '../security/secrets';

interface PropertyLike {
  getName(): string;
  getValue(): string | null;
  getValueRange(): Range | null;
}

export const secretValue: DockerfileRule = {
  id: 'secret-value',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['checkov:CKV_DOCKER_1005'],
  docs: {
    finds:
      'A credential written into the Dockerfile: an `ENV`, `ARG` or `LABEL` value or a `RUN` line holding a private key, ' +
      'an AWS access key ID, a GitHub, GitLab, npm, PyPI, Slack, Stripe, Google, OpenAI or Hugging Face token, a JWT, ' +
      'or a long random-looking literal assigned to a name such as `*_TOKEN`, `*_SECRET`, `*_PASSWORD` or `API_KEY`.',
    why:
      'A value in the Dockerfile is in source control, and in the image too: `ENV` and `LABEL` values ' +
      'are stored in the image config (`docker inspect`), and `ARG` values and `RUN` lines used by a build ' +
      'are recorded in its history (`docker history`). Anyone who can pull the image or read the ' +
      'repository has the credential, so treat it as leaked and revoke it. Pass secrets to a build with ' +
      '`RUN --mount=type=secret,id=NAME` (the file appears at `/run/secrets/NAME`) and `docker build ' +
      '--secret id=NAME,src=FILE`, or compose `build.secrets`; at run time give them as files (compose ' +
      '`secrets:`) or environment set by the orchestrator, never as `ENV` lines baked into the image. ' +
      'The rule looks at values, not names: a secret-looking name with an empty or variable value is ' +
      "left to `secret-in-arg-or-env`. Placeholders (`changeme`, `<token>`, AWS's `...EXAMPLE` keys) are " +
      'not reported, and the message never repeats the value.',
    example: 'FROM node:22-alpine\nENV NPM_TOKEN=npm_Xb3kQ9pL2vR7tY1wZ5nM8cF4hJ6gD0sA2eUq\nRUN npm ci\n',
    fixedExample: 'FROM node:22-alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ENV' || keyword === 'ARG' || keyword === 'LABEL') {
        const properties = (instruction as Instruction & { getProperties?(): PropertyLike[] }).getProperties?.() ?? [];
        for (const property of properties) checkProperty(model, keyword, property, report);
      } else if (keyword === 'RUN') {
        const range = instruction.getRange();
        const start = model.lines.offsetAt(range.start);
        const text = model.text.slice(start, model.lines.offsetAt(range.end));
        const reported = new Set<string>();
        for (const token of findTokens(text)) {
          if (reported.has(token.kind)) continue;
          reported.add(token.kind);
          report({
            range: model.lines.rangeOf(start + token.index, start + token.index + Math.min(token.length, firstLineLength(text, token.index))),
            message: `This RUN contains ${token.kind} in plain text, which the image history records; revoke it and pass it with RUN --mount=type=secret instead.`,
          });
        }
      }
    }
  },
};

function checkProperty(model: DockerfileModel, keyword: string, property: PropertyLike, report: (r: { range: Range; message: string }) => void): void {
  const name = property.getName();
  const value = property.getValue();
  const valueRange = property.getValueRange();
  if (!name || !value || !valueRange) return;
  const where = keyword === 'ARG' ? 'the Dockerfile and the image history' : 'the image config';
  const tokens = findTokens(value);
  if (tokens.length > 0) {
    const token = tokens[0]!;
    report({
      range: locate(model, valueRange, value.slice(token.index, token.index + token.length)),
      message: `${keyword} ${name} holds ${token.kind} in plain text, readable by anyone with ${where}; revoke it and pass it as a secret instead.`,
    });
    return;
  }
  if (keyword === 'LABEL' || value.includes('$') || !isSecretName(name) || !looksGenerated(value)) return;
  report({
    range: locate(model, valueRange, value),
    message: `${keyword} ${name} is set to a long random-looking literal, likely a real credential readable by anyone with ${where}; revoke it and pass it as a secret instead.`,
  });
}

/** The range of `needle` inside the value as written, or the whole value when quoting or escapes hide it. */
function locate(model: DockerfileModel, valueRange: Range, needle: string): Range {
  const start = model.lines.offsetAt(valueRange.start);
  const raw = model.text.slice(start, model.lines.offsetAt(valueRange.end));
  const at = raw.indexOf(needle);
  if (at < 0) return valueRange;
  const length = Math.min(needle.length, firstLineLength(raw, at));
  return model.lines.rangeOf(start + at, start + at + length);
}

function firstLineLength(text: string, from: number): number {
  const newline = text.slice(from).search(/\r?\n/);
  return newline < 0 ? text.length - from : newline;
}
