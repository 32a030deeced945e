// Common base images and tag families for FROM completion, offline. A tag family
// (`3.12-slim`) moves to each new patch release; these lists name families that
// exist, never "the latest version": check the registry before pinning one.

export interface ImageTagFamily {
  tag: string;
  /** What the family is, in a few words. */
  note: string;
}

export interface OfficialImage {
  /** As written in FROM, registry included when it is not Docker Hub. */
  name: string;
  /** One sentence: what the image is and what it is based on. */
  description: string;
  tags: readonly ImageTagFamily[];
}

const debian = 'Debian-based (apt)';
const alpine = 'Alpine-based (apk, musl libc)';

function family(tag: string, note: string): ImageTagFamily {
  return { tag, note };
}

export const officialImages: readonly OfficialImage[] = [
  {
    name: 'python',
    description: `Official Python image; ${debian} unless the tag says \`alpine\`. \`-slim\` leaves out compilers and most build tools.`,
    tags: [
      family('3.13-slim', `Python 3.13, slim ${debian}`),
      family('3.12-slim', `Python 3.12, slim ${debian}`),
      family('3.11-slim', `Python 3.11, slim ${debian}`),
      family('3.13', `Python 3.13, full ${debian} with build tools`),
      family('3.12', `Python 3.12, full ${debian} with build tools`),
      family('3.13-alpine', `Python 3.13, ${alpine}`),
      family('3.12-alpine', `Python 3.12, ${alpine}`),
      family('3.12-slim-bookworm', 'Python 3.12, slim Debian 12 (bookworm) pinned'),
    ],
  },
  {
    name: 'node',
    description: `Official Node.js image; ${debian} unless the tag says \`alpine\`. Even major versions are the LTS lines.`,
    tags: [
      family('22-alpine', `Node.js 22 (LTS line), ${alpine}`),
      family('22-slim', `Node.js 22 (LTS line), slim ${debian}`),
      family('22', `Node.js 22 (LTS line), full ${debian}`),
      family('20-alpine', `Node.js 20 (LTS line), ${alpine}`),
      family('20-slim', `Node.js 20 (LTS line), slim ${debian}`),
      family('lts-alpine', `whichever Node.js line is LTS now, ${alpine}; moves across majors`),
      family('lts-slim', `whichever Node.js line is LTS now, slim ${debian}; moves across majors`),
    ],
  },
  {
    name: 'golang',
    description: `Official Go toolchain image; ${debian} unless the tag says \`alpine\`. Build in it, then copy the binary to a small final stage.`,
    tags: [
      family('1.24', `Go 1.24, ${debian}`),
      family('1.23', `Go 1.23, ${debian}`),
      family('1.24-alpine', `Go 1.24, ${alpine}`),
      family('1.23-alpine', `Go 1.23, ${alpine}`),
      family('1.24-bookworm', 'Go 1.24, Debian 12 (bookworm) pinned'),
    ],
  },
  {
    name: 'alpine',
    description: `Official Alpine Linux image: a few megabytes, ${alpine}.`,
    tags: [family('3.22', 'Alpine 3.22 release line'), family('3.21', 'Alpine 3.21 release line'), family('3.20', 'Alpine 3.20 release line')],
  },
  {
    name: 'debian',
    description: 'Official Debian image (apt). `-slim` variants drop documentation and locales.',
    tags: [
      family('bookworm-slim', 'Debian 12 (bookworm), slim'),
      family('bookworm', 'Debian 12 (bookworm)'),
      family('trixie-slim', 'Debian 13 (trixie), slim'),
      family('trixie', 'Debian 13 (trixie)'),
    ],
  },
  {
    name: 'ubuntu',
    description: 'Official Ubuntu image (apt).',
    tags: [family('24.04', 'Ubuntu 24.04 LTS (noble)'), family('22.04', 'Ubuntu 22.04 LTS (jammy)'), family('noble', 'Ubuntu 24.04 LTS by code name'), family('jammy', 'Ubuntu 22.04 LTS by code name')],
  },
  {
    name: 'nginx',
    description: `Official nginx web server and reverse proxy; ${debian} unless the tag says \`alpine\`. Stops gracefully on SIGQUIT.`,
    tags: [
      family('stable-alpine', `the stable nginx line, ${alpine}`),
      family('stable', `the stable nginx line, ${debian}`),
      family('mainline-alpine', `the mainline nginx line, ${alpine}`),
      family('1.27-alpine', `nginx 1.27, ${alpine}`),
      family('1.27', `nginx 1.27, ${debian}`),
    ],
  },
  {
    name: 'postgres',
    description: `Official PostgreSQL server; ${debian} unless the tag says \`alpine\`.`,
    tags: [family('17', `PostgreSQL 17, ${debian}`), family('16', `PostgreSQL 16, ${debian}`), family('17-alpine', `PostgreSQL 17, ${alpine}`), family('16-alpine', `PostgreSQL 16, ${alpine}`)],
  },
  {
    name: 'redis',
    description: `Official Redis server; ${debian} unless the tag says \`alpine\`.`,
    tags: [family('7', `Redis 7, ${debian}`), family('7-alpine', `Redis 7, ${alpine}`)],
  },
  {
    name: 'mysql',
    description: 'Official MySQL server (Oracle Linux based).',
    tags: [family('8.4', 'MySQL 8.4 LTS line'), family('8.0', 'MySQL 8.0 line')],
  },
  {
    name: 'mariadb',
    description: 'Official MariaDB server (Ubuntu based).',
    tags: [family('11.4', 'MariaDB 11.4 LTS line'), family('10.11', 'MariaDB 10.11 LTS line')],
  },
  {
    name: 'eclipse-temurin',
    description: 'Official Eclipse Temurin OpenJDK builds (Ubuntu based unless the tag says `alpine`). Run with a `-jre` tag, build with `-jdk`.',
    tags: [
      family('21-jre', 'Java 21 LTS runtime'),
      family('21-jdk', 'Java 21 LTS development kit'),
      family('17-jre', 'Java 17 LTS runtime'),
      family('17-jdk', 'Java 17 LTS development kit'),
      family('21-jre-alpine', `Java 21 LTS runtime, ${alpine}`),
    ],
  },
  {
    name: 'maven',
    description: 'Official Apache Maven image, for the build stage of a Java project.',
    tags: [family('3-eclipse-temurin-21', 'Maven 3 with Temurin JDK 21'), family('3-eclipse-temurin-17', 'Maven 3 with Temurin JDK 17')],
  },
  {
    name: 'gradle',
    description: 'Official Gradle image, for the build stage of a Java or Kotlin project.',
    tags: [family('8-jdk21', 'Gradle 8 with JDK 21'), family('8-jdk17', 'Gradle 8 with JDK 17')],
  },
  {
    name: 'rust',
    description: `Official Rust toolchain image; ${debian} unless the tag says \`alpine\`. Build in it, then copy the binary to a small final stage.`,
    tags: [family('1', `the current stable Rust 1.x, ${debian}`), family('1-slim', `the current stable Rust 1.x, slim ${debian}`), family('1-alpine', `the current stable Rust 1.x, ${alpine}`)],
  },
  {
    name: 'ruby',
    description: `Official Ruby image; ${debian} unless the tag says \`alpine\`.`,
    tags: [family('3.4-slim', `Ruby 3.4, slim ${debian}`), family('3.3-slim', `Ruby 3.3, slim ${debian}`), family('3.4', `Ruby 3.4, full ${debian}`), family('3.3-alpine', `Ruby 3.3, ${alpine}`)],
  },
  {
    name: 'php',
    description: `Official PHP image; ${debian} unless the tag says \`alpine\`. \`-fpm\` for a FastCGI server behind nginx, \`-apache\` with Apache httpd, \`-cli\` for scripts.`,
    tags: [
      family('8.3-fpm', `PHP 8.3 FPM, ${debian}`),
      family('8.3-apache', `PHP 8.3 with Apache httpd, ${debian}`),
      family('8.3-cli', `PHP 8.3 command line, ${debian}`),
      family('8.3-fpm-alpine', `PHP 8.3 FPM, ${alpine}`),
      family('8.4-fpm', `PHP 8.4 FPM, ${debian}`),
    ],
  },
  {
    name: 'httpd',
    description: `Official Apache httpd web server; ${debian} unless the tag says \`alpine\`.`,
    tags: [family('2.4', `httpd 2.4, ${debian}`), family('2.4-alpine', `httpd 2.4, ${alpine}`)],
  },
  {
    name: 'busybox',
    description: 'Official BusyBox image: a tiny shell and core utilities, no package manager.',
    tags: [family('1.36', 'BusyBox 1.36 line'), family('stable', 'the stable BusyBox line')],
  },
  {
    name: 'mcr.microsoft.com/dotnet/sdk',
    description: '.NET SDK from the Microsoft Artifact Registry, for build stages (Debian based unless the tag names another distro).',
    tags: [family('9.0', '.NET 9 SDK'), family('8.0', '.NET 8 LTS SDK'), family('8.0-alpine', `.NET 8 LTS SDK, ${alpine}`)],
  },
  {
    name: 'mcr.microsoft.com/dotnet/aspnet',
    description: 'ASP.NET Core runtime from the Microsoft Artifact Registry, for the final stage of a web app.',
    tags: [family('9.0', 'ASP.NET Core 9 runtime'), family('8.0', 'ASP.NET Core 8 LTS runtime'), family('8.0-alpine', `ASP.NET Core 8 LTS runtime, ${alpine}`), family('8.0-noble-chiseled', 'ASP.NET Core 8 LTS on chiseled Ubuntu (no shell, non-root)')],
  },
  {
    name: 'mcr.microsoft.com/dotnet/runtime',
    description: '.NET runtime from the Microsoft Artifact Registry, for the final stage of a console app.',
    tags: [family('9.0', '.NET 9 runtime'), family('8.0', '.NET 8 LTS runtime'), family('8.0-alpine', `.NET 8 LTS runtime, ${alpine}`)],
  },
  {
    name: 'mcr.microsoft.com/dotnet/runtime-deps',
    description: 'Only the native dependencies of .NET, for self-contained apps.',
    tags: [family('8.0', 'for .NET 8 apps'), family('8.0-alpine', `for .NET 8 apps, ${alpine}`)],
  },
  ...['static', 'base', 'cc'].map(
    (variant): OfficialImage => ({
      name: `gcr.io/distroless/${variant}-debian12`,
      description: `Google distroless \`${variant}\` image on Debian 12: no shell, no package manager. ${
        variant === 'static' ? 'For statically linked binaries (Go with CGO_ENABLED=0, Rust musl).' : variant === 'base' ? 'Adds glibc, libssl and CA certificates.' : 'Adds libgcc and libstdc++ (C++ or Rust binaries).'
      }`,
      tags: distrolessTags(),
    }),
  ),
  ...[
    ['python3', 'a Python 3 interpreter'],
    ['java21', 'a Java 21 runtime'],
    ['nodejs22', 'Node.js 22'],
  ].map(
    ([variant, what]): OfficialImage => ({
      name: `gcr.io/distroless/${variant}-debian12`,
      description: `Google distroless image with ${what} on Debian 12: no shell, no package manager. Use exec-form CMD/ENTRYPOINT.`,
      tags: distrolessTags(),
    }),
  ),
];

function distrolessTags(): ImageTagFamily[] {
  return [
    family('nonroot', 'runs as the `nonroot` user (65532)'),
    family('latest', 'runs as root; moves with every rebuild'),
    family('debug', 'adds a BusyBox shell, for troubleshooting only'),
    family('debug-nonroot', 'BusyBox shell and the `nonroot` user'),
  ];
}

const byName = new Map(officialImages.map((image) => [image.name, image]));

/** The entry for an image name as written in FROM (`python`, `docker.io/library/python`, `mcr.microsoft.com/dotnet/sdk`). */
export function officialImage(name: string): OfficialImage | undefined {
  const lower = name.toLowerCase();
  return byName.get(lower) ?? byName.get(lower.replace(/^(?:docker\.io\/|index\.docker\.io\/)?(?:library\/)?/, ''));
}
