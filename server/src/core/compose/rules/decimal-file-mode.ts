import { type Node } from 'yaml';
import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';
import { isPlainScalar, nodeSpan } from '../yaml-tree';

/** Looks like a permission written in octal digits: owner can at least read. */
const octalLooking = /^[4-7][0-7]{2}$/;
/** Decimal forms of common modes (420 = 0o644, 511 = 0o777) are meant as decimal. */
const knownDecimal = new Set(['420', '511']);

function permissions(mode: number): string {
  const bits = 'rwxrwxrwx';
  return [...bits].map((c, i) => (mode & (1 << (8 - i)) ? c : '-')).join('');
}

export const decimalFileMode: ComposeRule = {
  id: 'decimal-file-mode',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds: 'A `mode:` of a secret, config or tmpfs written as `440` or `644`, which YAML reads as a decimal number.',
    why:
      'File modes are octal, but YAML 1.2 (and Compose) read `mode: 440` as the decimal number 440, which is octal 0670: ' +
      'read-write for the owner, everything for the group, nothing the author meant. Write the octal form `0o440` (or the ' +
      'older `0440`, which Compose also reads as octal). The fix adds the `0o` prefix; check that the digits were meant as octal.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    secrets:\n      - source: tls_key\n        mode: 440\nsecrets:\n  tls_key:\n    environment: TLS_KEY\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    secrets:\n      - source: tls_key\n        mode: 0o440\nsecrets:\n  tls_key:\n    environment: TLS_KEY\n',
  },
  check(context) {
    const { model } = context;
    const report = reporter(context);
    const modes: Node[] = [];
    for (const service of model.services) {
      for (const key of ['secrets', 'configs']) {
        for (const item of model.tree.items(service.get(key)?.value)) {
          const mode = model.tree.get(item, 'mode')?.value;
          if (mode) modes.push(mode);
        }
      }
      for (const item of model.tree.items(service.get('volumes')?.value)) {
        const mode = model.tree.get(model.tree.get(item, 'tmpfs')?.value, 'mode')?.value;
        if (mode) modes.push(mode);
      }
    }
    for (const mode of modes) {
      if (!isPlainScalar(mode) || typeof mode.value !== 'number') continue;
      const text = mode.source ?? String(mode.value);
      if (!octalLooking.test(text) || knownDecimal.has(text)) continue;
      const span = nodeSpan(mode);
      if (!span) continue;
      const value = Number(text);
      report(mode, `mode ${text} is the decimal number ${text} (octal 0o${value.toString(8)}, ${permissions(value)}); file modes are octal: write 0o${text} for ${permissions(parseInt(text, 8))}.`, {
        title: `Write 0o${text}`,
        edits: [{ range: model.spanRange([span[0], span[0]]), newText: '0o' }],
      });
    }
  },
};
