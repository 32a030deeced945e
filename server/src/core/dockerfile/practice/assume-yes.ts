import { hasOption, optionValues } from './options';
import type { ToolCall } from './package-managers';

const truthy = /^(?:1|true|yes|on)$/i;

/** True when a yum/dnf/microdnf call answers its own prompt: -y, --assumeyes or --setopt=assumeyes=1. */
export function rpmAssumesYes(call: ToolCall): boolean {
  if (hasOption(call.parsed, '-y', '--assumeyes', '--yes')) return true;
  return optionValues(call.parsed, '--setopt').some((value) => {
    const [name, setting] = value.split('=');
    return name?.toLowerCase() === 'assumeyes' && setting !== undefined && truthy.test(setting);
  });
}

/** yum.conf/dnf.conf `assumeyes=1` written by an earlier RUN. */
export const rpmAssumeYesConfig = /assumeyes\s*=\s*(?:1|true|yes|on)\b/i;
