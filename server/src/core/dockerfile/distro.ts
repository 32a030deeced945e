import type { ImageReference } from './image-reference';
import { shortRepository } from './image-reference';

/** The package-manager family of a stage's base, which decides how fixes install things. */
export type DistroFamily = 'debian' | 'alpine' | 'rhel' | 'suse' | 'distroless' | 'scratch' | 'windows' | 'unknown';

const alpineImages = /^(?:alpine|.*\/alpine|wolfi-base|chainguard\/wolfi-base)$/;
const debianImages =
  /^(?:debian|ubuntu|buildpack-deps|python|node|golang|ruby|php|perl|rust|openjdk|eclipse-temurin|maven|gradle|elixir|erlang|haskell|julia|r-base|gcc|clojure|swift|nginx|httpd|redis|postgres|mariadb|mongo|rabbitmq|memcached|traefik|wordpress|drupal|ghost|nextcloud|jenkins\/jenkins|mcr\.microsoft\.com\/dotnet\/.*|dotnet\/.*|kalilinux\/.*|bitnami\/.*)$/;
const rhelImages = /^(?:fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|redhat\/ubi\d*(?:-\w+)?|ubi\d*\/.*|rhel\d*\/.*|quay\.io\/centos\/centos|registry\.access\.redhat\.com\/.*)$/;

/** Guesses the distro family from the base image name and tag, without any network. */
export function distroOfImage(image: ImageReference): DistroFamily {
  const repository = shortRepository(image);
  const full = image.registry ? `${image.registry}/${image.repository}` : repository;
  const tag = (image.tag ?? '').toLowerCase();
  if (/^(?:gcr\.io\/distroless|cgr\.dev\/chainguard\/(?!wolfi-base))/.test(full)) return 'distroless';
  if (/windows|nanoserver|servercore/.test(full) || /nanoserver|servercore|windowsservercore|ltsc\d{4}/.test(tag)) return 'windows';
  if (alpineImages.test(repository) || alpineImages.test(full) || /(?:^|-)alpine/.test(tag)) return 'alpine';
  if (rhelImages.test(repository) || rhelImages.test(full) || /(?:^|-)(?:ubi\d*|oraclelinux\d*|al2\d*|amazonlinux\d*)/.test(tag)) return 'rhel';
  // The official mysql image is Oracle Linux, except its -debian/-bookworm variants.
  if (repository === 'mysql') return /debian|bookworm|bullseye|trixie/.test(tag) ? 'debian' : 'rhel';
  if (/^(?:opensuse\/.*|registry\.suse\.com\/.*)$/.test(full) || /^opensuse/.test(repository)) return 'suse';
  if (debianImages.test(repository) || debianImages.test(full)) return 'debian';
  return 'unknown';
}

/** The family a package manager command implies, used when the base image name tells nothing. */
export function distroOfPackageManager(command: string): DistroFamily | undefined {
  switch (command) {
    case 'apt-get':
    case 'apt':
    case 'dpkg':
      return 'debian';
    case 'apk':
      return 'alpine';
    case 'dnf':
    case 'microdnf':
    case 'yum':
    case 'rpm':
      return 'rhel';
    case 'zypper':
      return 'suse';
    default:
      return undefined;
  }
}

export function distroLabel(family: DistroFamily): string {
  const labels: Record<DistroFamily, string> = {
    debian: 'Debian/Ubuntu (apt)',
    alpine: 'Alpine (apk)',
    rhel: 'RHEL family (dnf/microdnf/yum)',
    suse: 'SUSE (zypper)',
    distroless: 'distroless (no shell, no package manager)',
    scratch: 'scratch (empty)',
    windows: 'Windows',
    unknown: 'unknown',
  };
  return labels[family];
}
