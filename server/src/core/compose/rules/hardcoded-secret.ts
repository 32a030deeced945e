import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

const secretWords = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PASSPHRASE']);
const secretPairs = [
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
  ['SECRET', 'KEY'],
  ['AUTH', 'KEY'],
  ['ENCRYPTION', 'KEY'],
];
/** Names that hold a reference to a secret, or a setting about one, not the secret itself. */
const notASecret = new Set(['FILE', 'PATH', 'DIR', 'URL', 'NAME', 'USER', 'USERNAME', 'HOST', 'PORT', 'TYPE', 'METHOD', 'LENGTH', 'ENABLED', 'EXPIRY', 'EXPIRATION', 'TTL', 'ID', 'MODE', 'POLICY', 'REQUIRED', 'ALGORITHM', 'HEADER']);

/** True for names such as `MYSQL_ROOT_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `apiKey`. */
export function looksLikeSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
  const last = words[words.length - 1];
  if (!last || notASecret.has(last)) return false;
  if (words.some((w) => secretWords.has(w))) return true;
  return secretPairs.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
}

/** Values that configure rather than hold a secret: flags, empty strings, references to files. */
function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 3) return false;
  if (/^(?:true|false|yes|no|on|off|none|null|required|optional|disabled?|enabled?|trust|md5|scram-sha-256)$/i.test(v)) return false;
  if (v.startsWith('/run/secrets/') || v.startsWith('/var/run/secrets/')) return false;
  return true;
}

export const hardcodedSecret: ComposeRule = {
  id: 'hardcoded-secret',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'An `environment` variable whose name says password, secret, token or key and whose value is written literally in the compose file.',
    why:
      'A literal secret in the compose file is in version control for everyone with access to the repository, and ' +
      'in `docker inspect` for everyone with access to the Docker host. Take the value from `.env` (kept out of Git) ' +
      'with `${DB_PASSWORD}`, or better, use a Compose secret, which the container reads from `/run/secrets/NAME`; ' +
      'many images accept `*_FILE` variables for that (`POSTGRES_PASSWORD_FILE`).',
    example: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Passw0rd\n',
    fixedExample:
      'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const variable of service.environment) {
        if (!variable.literal || variable.value === undefined || !looksLikeSecretName(variable.name) || !looksLikeSecretValue(variable.value)) continue;
        report(variable.valueSpan ?? variable.node, `${variable.name} of service '${service.name}' has a literal value, which ends up in version control and in 'docker inspect'; take it from .env (\${${variable.name}}) or use a Compose secret.`);
      }
    }
  },
};
