import type { ComposeRule } from '../rule';
import { reportUnused } from '../rule-helpers';

export const unusedVolume: ComposeRule = {
  id: 'unused-volume',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'info',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A top-level named volume that no service mounts.',
    why: 'A declared volume that no service mounts is dead configuration, often left behind when a mount was changed to a bind mount or renamed, so data may not be where you think it is.',
    example: 'services:\n  db:\n    image: postgres:17\nvolumes:\n  pgdata: {}\n',
    fixedExample: 'services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n',
  },
  check(context) {
    reportUnused(context, 'volumes', 'Volume');
  },
};
