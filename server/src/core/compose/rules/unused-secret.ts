import type { ComposeRule } from '../rule';
import { reportUnused } from '../rule-helpers';

export const unusedSecret: ComposeRule = {
  id: 'unused-secret',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'info',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A top-level secret that no service (or `build.secrets`) uses.',
    why: 'A secret that nothing uses is dead configuration; when it was meant for a service, that service now runs without it (and perhaps falls back to a default password).',
    example: 'services:\n  db:\n    image: postgres:17\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
    fixedExample: 'services:\n  db:\n    image: postgres:17\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
  },
  check(context) {
    reportUnused(context, 'secrets', 'Secret');
  },
};
