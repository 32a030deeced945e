import type { DockerfileRule } from '../rule';
import type { ShellWord } from '../shell';
import { allRunCommands, type RunCommand, scanOptions, wordRange } from '../security/commands';

const trueValue = /^["']?(?:true|1|yes)["']?$/i;

function findInCommand(command: RunCommand): { word: ShellWord; what: string }[] {
  const found: { word: ShellWord; what: string }[] = [];
  const { name, args } = command;
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    for (const hit of scanOptions(args, { shortWithValue: 'oct', longWithValue: ['--option', '--config-file', '--target-release'] })) {
      if (hit.option === '--allow-unauthenticated' || hit.option === '--allow-insecure-repositories' || hit.option === '--allow-downgrade-to-insecure-repositories') {
        found.push({ word: hit.word, what: `${name} ${hit.option} installs packages whose signatures were not verified` });
      } else if (hit.option === '--force-yes') {
        found.push({ word: hit.word, what: `${name} --force-yes also accepts unauthenticated packages` });
      } else if ((hit.option === '-o' || hit.option === '--option') && hit.value) {
        const setting = /^(Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::AllowUnauthenticated)=(.*)$/i.exec(hit.value);
        if (setting && trueValue.test(setting[2]!)) found.push({ word: hit.word, what: `${name} -o ${setting[1]!}=${setting[2]!} accepts unsigned repositories or packages` });
      }
    }
  } else if (name === 'apk') {
    for (const word of args) if (word.value === '--allow-untrusted') found.push({ word, what: 'apk --allow-untrusted installs packages without a trusted signature' });
  } else if (name === 'yum' || name === 'dnf' || name === 'microdnf' || name === 'tdnf' || name === 'yum-config-manager') {
    for (const word of args) {
      if (word.value === '--nogpgcheck' || word.value === '--no-gpgchecks') found.push({ word, what: `${name} ${word.value} installs packages without checking their GPG signatures` });
      const setting = /^(?:--setopt=)?(?:[\w.-]+\.)?((?:repo_|localpkg_)?gpgcheck)=(.*)$/i.exec(word.value);
      if (setting && /^["']?(?:0|false|no)["']?$/i.test(setting[2]!)) found.push({ word, what: `${name} ${setting[1]!}=${setting[2]!} installs packages without checking their GPG signatures` });
    }
  } else if (name === 'rpm') {
    for (const word of args) {
      if (word.value === '--nosignature' || word.value === '--nodigest' || word.value === '--nofiledigest') found.push({ word, what: `rpm ${word.value} skips package verification` });
    }
  } else if (name === 'zypper') {
    for (const word of args) if (word.value === '--no-gpg-checks') found.push({ word, what: 'zypper --no-gpg-checks installs packages without checking their signatures' });
  }
  return found;
}

export const unauthenticatedPackages: DockerfileRule = {
  id: 'unauthenticated-packages',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['checkov:CKV2_DOCKER_7', 'checkov:CKV2_DOCKER_8', 'checkov:CKV2_DOCKER_9', 'checkov:CKV2_DOCKER_10', 'checkov:CKV2_DOCKER_11'],
  docs: {
    finds:
      'Package installs with signature checks turned off: `apt-get --allow-unauthenticated`, `--allow-insecure-repositories`, ' +
      '`--force-yes`, `-o Acquire::AllowInsecureRepositories=true`, a `deb [trusted=yes]` source, `yum`/`dnf --nogpgcheck` ' +
      'or `gpgcheck=0`, `apk --allow-untrusted`, `rpm --nosignature`/`--nodigest`, `zypper --no-gpg-checks`.',
    why:
      'Package signatures are what make a mirror, a proxy or a plain-HTTP repository safe to use: ' +
      'the package manager refuses anything the distribution (or the vendor whose key you added) did ' +
      'not sign. With the check off, whoever controls the network path or the mirror can ship you ' +
      'any package, and it runs as root during the build. Import the repository key instead ' +
      '(`curl -fsSL https://vendor/key.asc | gpg --dearmor -o /etc/apt/keyrings/vendor.gpg` and ' +
      '`deb [signed-by=/etc/apt/keyrings/vendor.gpg] ...`, `rpm --import KEY`, or copy the ' +
      'key into `/etc/apk/keys/`). `--force-yes` is deprecated and also silences other safety ' +
      'checks; `-y` is enough for a non-interactive install.',
    example: 'FROM alpine:3.20\nCOPY mytool.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/mytool.apk\n',
    fixedExample: 'FROM alpine:3.20\nCOPY mytool.apk /tmp/\nCOPY keys/mytool.rsa.pub /etc/apk/keys/\nRUN apk add --no-cache /tmp/mytool.apk\n',
  },
  check({ model, report }) {
    for (const command of allRunCommands(model)) {
      for (const { word, what } of findInCommand(command)) {
        report({ range: wordRange(model, word), message: `${what}, so a tampered package can end up in the image; import the repository's signing key instead.` });
      }
    }
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const script = model.shellScript(instruction);
        if (!script) continue;
        const pattern = /\bdeb(?:-src)?\s+\[[^\]]*\btrusted=yes\b[^\]]*\]\s*(\S*)/g;
        for (let match = pattern.exec(script.source); match; match = pattern.exec(script.source)) {
          // A local repository (`file:`, `copy:`) built in the same RUN never crosses a network.
          if (/^["']?(?:file|copy):/.test(match[1] ?? '')) continue;
          const start = script.offset + match.index;
          report({
            range: model.lines.rangeOf(start, start + match[0].indexOf(']') + 1),
            message: "This apt source is marked [trusted=yes], so apt installs its packages without checking signatures; use [signed-by=KEYRING] with the repository's key instead.",
          });
        }
      }
    }
  },
};
