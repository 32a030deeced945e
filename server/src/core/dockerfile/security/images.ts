import { type ImageReference, shortRepository } from '../image-reference';
import type { Stage } from '../model';
import { stageChain } from './commands';

/**
 * Images known to run as root unless a USER says otherwise: Docker Hub's official
 * language, distro and server images, Microsoft's .NET images, Red Hat's UBI base
 * images and distroless without a `nonroot` tag. An image outside this list may set
 * its own USER, so rules stay quiet about it.
 */
const rootImages =
  /^(?:alpine|busybox|debian|ubuntu|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|opensuse\/(?:leap|tumbleweed)|buildpack-deps|python|pypy|node|golang|ruby|php|perl|rust|openjdk|eclipse-temurin|amazoncorretto|ibmjava|sapmachine|maven|gradle|elixir|erlang|haskell|julia|r-base|gcc|clojure|swift|groovy|nginx|httpd|tomcat|redis|postgres|mysql|mariadb|mongo|memcached|rabbitmq|traefik|caddy|wordpress|drupal|ghost|joomla|nextcloud|composer|bash|docker|mcr\.microsoft\.com\/dotnet\/(?:runtime|aspnet|sdk|runtime-deps)|registry\.access\.redhat\.com\/ubi\d+(?:\/ubi(?:-minimal|-micro|-init)?)?|redhat\/ubi\d+(?:-minimal|-micro)?|gcr\.io\/distroless\/[\w.-]+)$/;

export type DefaultUser = 'root' | 'non-root' | 'unknown';

/** Who a stage runs as when no USER is set in this Dockerfile, judged from the base image alone. */
export function baseImageUser(stage: Stage): DefaultUser {
  const root = stageChain(stage)[0]!;
  if (root.isScratch) return 'root';
  const image = root.image;
  if (!image) return 'unknown';
  const tag = (image.tag ?? '').toLowerCase();
  if (/nonroot/.test(tag)) return 'non-root';
  if (rootImages.test(fullName(image))) return 'root';
  return 'unknown';
}

/** `registry/repository` without Docker Hub's `library/`, lower case. */
export function fullName(image: ImageReference): string {
  const repository = shortRepository(image);
  const onHub = image.registry === undefined || image.registry === 'docker.io' || image.registry === 'index.docker.io';
  return (onHub ? repository : `${image.registry}/${image.repository}`).toLowerCase();
}

/** Images that are SDKs and compilers: fine to build in, heavy and risky to ship. */
export function toolchainImage(image: ImageReference): string | undefined {
  const name = fullName(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (/^(?:golang|rust|gcc|maven|gradle|buildpack-deps|haskell|swift|clojure)$/.test(name)) {
    if (name === 'swift' && /slim/.test(tag)) return undefined;
    return `the ${name} toolchain image`;
  }
  if (name === 'mcr.microsoft.com/dotnet/sdk') return 'the .NET SDK image';
  if (/^(?:eclipse-temurin|amazoncorretto|openjdk|sapmachine)$/.test(name) && !/jre/.test(tag)) return `a JDK (${name})`;
  return undefined;
}
