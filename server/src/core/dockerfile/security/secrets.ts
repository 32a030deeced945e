/** A credential recognised by its format, and where it sits in the text searched. */
export interface SecretMatch {
  kind: string;
  index: number;
  length: number;
}

/**
 * Formats that are credentials whatever the variable is called. Each is specific
 * enough (a fixed prefix and length) that a match is almost never anything else.
 */
const tokenFormats: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g },
  { kind: 'a GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/g },
  { kind: 'a GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20}\b/g },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-\d+-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{24,}\b/g },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g },
  { kind: 'an Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}/g },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'a PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g },
  { kind: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{34}\b/g },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
];

/** Documentation keys (AWS's `AKIAIOSFODNN7EXAMPLE`) and obvious placeholders. */
const placeholder = /example|sample|dummy|placeholder|changeme|change_me|your[-_]?|xxxx|redacted|<[^>]*>|\{\{|\.\.\./i;

/** Credentials with a recognisable format anywhere in the text. */
export function findTokens(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { kind, pattern } of tokenFormats) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (kind !== 'a private key' && placeholder.test(match[0])) continue;
      found.push({ kind, index: match.index, length: match[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Names that hold a secret value (`GITHUB_TOKEN`, `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `API_KEY`). */
const secretName = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|SECRET_?KEY|PRIVATE_?KEY|AUTH_?KEY|CLIENT_SECRET|CREDENTIALS?)(?:_|$)/i;
/** Parts that make such a name hold something else: a file, an id, a version, a public fingerprint. */
const notSecretName = /(?:^|_)(?:FILE|PATH|DIR|URL|URI|HOST|PORT|USER|USERNAME|NAME|ID|VERSION|SHA\d*|HASH|CHECKSUM|FINGERPRINT|GPG|PGP|PUBLIC|PUB|LENGTH|LEN|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|HEADER|TYPE|ENABLED|ENABLE|DISABLED|MODE|METHOD|ALGORITHM|ALG|PREFIX|SUFFIX|FORMAT|SIZE|COUNT|ENDPOINT|REGION|SERVER|ISSUER|AUDIENCE|SCOPE|SCOPES|KEYRING|URL)(?:_|$)/i;

export function isSecretName(name: string): boolean {
  return secretName.test(name) && !notSecretName.test(name);
}

/** Bits of entropy per character, over the characters of the value. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * A value that looks machine-generated: long, one token of base64/hex-like
 * characters, digits mixed with letters, and high entropy. Words, paths, URLs,
 * versions and placeholders do not pass.
 */
export function looksGenerated(value: string): boolean {
  if (value.length < 20 || value.length > 512) return false;
  if (!/^[A-Za-z0-9+/=_\-.~]+$/.test(value)) return false;
  if (placeholder.test(value)) return false;
  if (/^[\d.\-_]+$/.test(value) || /^v?\d+(?:\.\d+)+/.test(value)) return false;
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // Repetitive or dictionary-like values (`aaaa...`, `my-super-secret-password-123`) stay under the bar.
  const threshold = /^[0-9a-f]+$/i.test(value) ? 3.4 : 3.8;
  return shannonEntropy(value) >= threshold;
}
