import { buildkitFacts, properties } from '../buildkit/facts';
import { argWords } from '../buildkit/words';
import type { DockerfileRule } from '../rule';

// BuildKit's own heuristic: one of these words as a whole `_`-separated part of the name, in any case.
const secretWords = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const allowedWords = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksLikeSecret(name: string): boolean {
  return secretWords.test(name) && !allowedWords.test(name);
}

// Beyond BuildKit: `ENV GPG_KEY A035C8C1...` (the official images verify downloads this way)
// holds a public key's fingerprint or long id, not a secret.
const gpgName = /(?:_|^)(?:gpg|pgp)(?:_|$)/i;
const keyFingerprint = /^(?:0x)?(?:[0-9a-f]{16}|[0-9a-f]{40}|[0-9a-f]{64})$/i;

function isPublicKeyFingerprint(name: string, value: string | undefined): boolean {
  if (value === undefined || !gpgName.test(name)) return false;
  const words = value.replace(/^(["'])(.*)\1$/s, '$2').trim().split(/\s+/);
  return words.every((word) => keyFingerprint.test(word));
}

export const secretInArgOrEnv: DockerfileRule = {
  id: 'secret-in-arg-or-env',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['buildkit:SecretsUsedInArgOrEnv', 'trivy:DS-0031'],
  docs: {
    finds: 'An `ARG` or `ENV` in a stage whose name looks like a secret (`..._TOKEN`, `PASSWORD`, `API_KEY`, `AUTH_...`), as BuildKit detects them.',
    why:
      'An `ENV` value is stored in the image config, where anyone with the image reads it with ' +
      '`docker inspect`; a build arg used by `RUN` is recorded in the image history ' +
      '(`docker history`). Secrets needed while building belong in a secret mount (BuildKit): ' +
      '`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` with `docker build --secret ' +
      'id=npm_token,env=NPM_TOKEN`; at run time pass them as files (compose `secrets:`). ' +
      'BuildKit matches `apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`, ' +
      '`passwd`, `secret` and `token` as a whole `_`-separated part of the name, in any case, and skips ' +
      'names with a `public`, `file` or `version` part. Dockhand also skips a `gpg` or `pgp` name whose value is ' +
      'only key fingerprints or long key ids (such as `ENV GPG_KEY A035C8C1...` in the official images, a public ' +
      'key used to verify a download), which BuildKit reports. A global `ARG` before the first `FROM` ' +
      'is not checked: it only reaches `FROM` lines.',
    example: 'FROM node:22-alpine\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
    fixedExample: 'FROM node:22-alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n',
  },
  check({ model, report }) {
    const { escapeChar, stageInstructions } = buildkitFacts(model);
    for (const { instruction } of stageInstructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ARG' && keyword !== 'ENV') continue;
      const names =
        keyword === 'ARG'
          ? argWords(model, instruction, escapeChar).map(({ name, nameRange, rawValue }) => ({ name, nameRange, value: rawValue }))
          : properties(instruction).map((property) => ({ name: property.getName(), nameRange: property.getNameRange(), value: property.getValue() ?? undefined }));
      for (const { name, nameRange, value } of names) {
        if (!name || !looksLikeSecret(name) || isPublicKeyFingerprint(name, value)) continue;
        const where = keyword === 'ENV' ? 'ENV values are stored in the image config' : 'build args used by RUN are recorded in the image history';
        report({
          range: nameRange,
          message: `${keyword} ${name} looks like sensitive data, and ${where}; pass secrets with RUN --mount=type=secret instead.`,
        });
      }
    }
  },
};
