/** A platform specifier such as `linux/arm64/v8`, parsed and normalized as containerd's platforms.Parse does. */
export interface Platform {
  os: string;
  architecture: string;
  variant: string;
}

const knownOS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl',
  'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);

const knownArch = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64',
  'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x',
  'sparc', 'sparc64', 'wasm',
]);

const component = /^[A-Za-z0-9_.-]+$/;

/** Undefined when containerd would reject the specifier. Defaults (one-part specifiers) are those of a linux/amd64 builder. */
export function parsePlatform(specifier: string): Platform | undefined {
  if (specifier.includes('*')) return undefined;
  const parts = specifier.split('/');
  // `windows(10.0.17763)/amd64`: the OS version in parentheses.
  const first = (parts[0] ?? '').replace(/\([^()]*\)$/, '');
  const rest = parts.slice(1);
  if (![first, ...rest].every((part) => component.test(part))) return undefined;
  const lower = [first, ...rest].map((part) => part.toLowerCase());
  switch (lower.length) {
    case 1: {
      const only = lower[0] ?? '';
      if (knownOS.has(normalizeOS(only))) return { os: normalizeOS(only), architecture: 'amd64', variant: '' };
      const { architecture, variant } = normalizeArch(only, '');
      if (knownArch.has(architecture)) return { os: 'linux', architecture, variant };
      return undefined;
    }
    case 2: {
      const { architecture, variant } = normalizeArch(lower[1] ?? '', '');
      return { os: normalizeOS(lower[0] ?? ''), architecture, variant };
    }
    case 3: {
      const { architecture, variant } = normalizeArch(lower[1] ?? '', lower[2] ?? '');
      return { os: normalizeOS(lower[0] ?? ''), architecture, variant };
    }
    default:
      return undefined;
  }
}

function normalizeOS(os: string): string {
  return os === 'macos' ? 'darwin' : os;
}

function normalizeArch(arch: string, variant: string): { architecture: string; variant: string } {
  switch (arch) {
    case 'i386':
    case 'x86':
      return { architecture: '386', variant: '' };
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return { architecture: 'amd64', variant: variant === 'v1' ? '' : variant };
    case 'aarch64':
    case 'arm64':
      return { architecture: 'arm64', variant: variant === '8' || variant === 'v8' ? '' : variant };
    case 'armhf':
      return { architecture: 'arm', variant: 'v7' };
    case 'armel':
      return { architecture: 'arm', variant: 'v6' };
    case 'arm':
      return { architecture: 'arm', variant: variant === '' || variant === '7' ? 'v7' : /^[5-8]$/.test(variant) ? `v${variant}` : variant };
    default:
      return { architecture: arch, variant };
  }
}
