import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

const dangerous = new Map([
  ['ALL', 'every capability, as good as privileged'],
  ['SYS_ADMIN', 'mounts, namespaces and much of the kernel: the classic container escape'],
  ['SYS_MODULE', 'loading kernel modules into the host kernel'],
  ['SYS_PTRACE', 'tracing and reading the memory of other processes'],
  ['SYS_RAWIO', 'raw access to devices and I/O ports'],
  ['SYS_BOOT', 'rebooting the host'],
  ['DAC_READ_SEARCH', 'reading any file by handle, which has escaped containers before'],
  ['BPF', 'loading eBPF programs into the host kernel'],
  ['MAC_ADMIN', 'changing the mandatory access control (AppArmor, SELinux) policy'],
  ['MAC_OVERRIDE', 'bypassing the mandatory access control policy'],
  ['LINUX_IMMUTABLE', 'changing immutable files'],
]);

export const dangerousCapability: ComposeRule = {
  id: 'dangerous-capability',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['kics:ce76b7d0-9e77-464d-b86f-c5c48e03e22d'],
  docs: {
    finds: '`cap_add` with `ALL` or a capability that lets a container reach the host kernel: `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `BPF` and the like.',
    why:
      'Docker drops most Linux capabilities from containers; these are the ones that break the isolation, and `ALL` is ' +
      'almost `privileged: true`. Add the narrowest capability the service needs (`NET_BIND_SERVICE`, `NET_ADMIN` for a ' +
      'VPN), and prefer `cap_drop: [ALL]` plus explicit additions.',
    example: 'services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n',
    fixedExample: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const cap of service.capAdd) {
        const name = cap.text.toUpperCase().replace(/^CAP_/, '');
        const why = dangerous.get(name);
        if (why) report(cap.node, `Service '${service.name}' adds capability ${name}: ${why}.`);
      }
    }
  },
};
