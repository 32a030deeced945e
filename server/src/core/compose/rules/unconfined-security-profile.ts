import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

export const unconfinedSecurityProfile: ComposeRule = {
  id: 'unconfined-security-profile',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['kics:404fde2c-bc4b-4371-9747-7054132ac953'],
  docs: {
    finds: '`security_opt` that switches off seccomp (`seccomp:unconfined`), AppArmor (`apparmor:unconfined`) or SELinux labels (`label:disable`).',
    why:
      'Docker\'s default seccomp profile blocks about fifty system calls that containers do not need and that many ' +
      'kernel exploits use; the default AppArmor and SELinux policies confine file and mount access. Switching them off ' +
      'widens the kernel surface of the container. If one call is missing, write a custom profile that adds only it.',
    example: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp:unconfined\n',
    fixedExample: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const option of service.securityOpt) {
        const match = /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$/i.exec(option.text.trim());
        if (!match) continue;
        const what = match[1]?.toLowerCase() === 'seccomp' ? 'the seccomp filter' : match[1] ? 'AppArmor confinement' : 'SELinux labelling';
        report(option.node, `Service '${service.name}' switches off ${what} (${option.text.trim()}), widening what the container can ask of the host kernel.`);
      }
    }
  },
};
