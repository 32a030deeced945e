import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';
import { truthy } from '../service';

export const privilegedService: ComposeRule = {
  id: 'privileged-service',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['kics:ae5b6871-7f45-42e0-bb4c-ab300c4d2026'],
  docs: {
    finds: '`privileged: true` on a service.',
    why:
      'A privileged container gets every capability, every device of the host and no seccomp or AppArmor profile: ' +
      'escaping to the host is trivial. Grant what the service needs instead: a capability with `cap_add`, a device with `devices`.',
    example: 'services:\n  home:\n    image: homeassistant/home-assistant:2024.10\n    privileged: true\n',
    fixedExample: 'services:\n  home:\n    image: homeassistant/home-assistant:2024.10\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      const entry = service.privileged;
      if (!entry || truthy(entry.value) !== true) continue;
      report(entry.value ?? entry.keyNode, `Service '${service.name}' runs privileged: it has every capability and device of the host, and escaping to the host is trivial.`);
    }
  },
};
