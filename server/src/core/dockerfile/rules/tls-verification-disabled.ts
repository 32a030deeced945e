import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileRule } from '../rule';
import type { ShellWord } from '../shell';
import { allRunCommands, type RunCommand, scanOptions, wordRange } from '../security/commands';

interface PropertyLike {
  getName(): string;
  getValue(): string | null;
  getNameRange(): Range | null;
}

/** Environment variables that turn certificate checks off, and the values that do it. */
function insecureVariable(name: string, value: string): string | undefined {
  const v = value.trim();
  switch (name) {
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      return v === '0' ? 'NODE_TLS_REJECT_UNAUTHORIZED=0 makes Node.js accept any TLS certificate' : undefined;
    case 'PYTHONHTTPSVERIFY':
      return v === '0' ? 'PYTHONHTTPSVERIFY=0 makes Python skip HTTPS certificate checks' : undefined;
    case 'GIT_SSL_NO_VERIFY':
      return v !== '' ? 'GIT_SSL_NO_VERIFY (set to any value) makes git skip TLS certificate checks' : undefined;
    case 'NPM_CONFIG_STRICT_SSL':
    case 'npm_config_strict_ssl':
      return /^false$/i.test(v) ? `${name}=false makes npm accept any TLS certificate` : undefined;
    case 'PIP_TRUSTED_HOST':
      return v !== '' ? 'PIP_TRUSTED_HOST makes pip trust a host without a valid HTTPS certificate' : undefined;
    case 'UV_INSECURE_HOST':
      return v !== '' ? 'UV_INSECURE_HOST makes uv trust a host without a valid HTTPS certificate' : undefined;
    case 'GOINSECURE':
      return v !== '' ? 'GOINSECURE lets the go command fetch modules without certificate checks' : undefined;
    default:
      return undefined;
  }
}

/** curl's short options that take a value, so `-o k` is not read as `-k`. */
const curlSpec = { shortWithValue: 'AbcCdDeEFHKmoPQrTtuUwxXyYz', longWithValue: ['--output', '--header', '--data', '--user', '--proxy', '--request', '--user-agent', '--referer', '--cookie', '--form', '--write-out', '--config', '--max-time', '--retry', '--connect-timeout', '--cacert', '--cert', '--key'] };
const falseValue = /^(?:false|0|no|off)$/i;

function findInCommand(command: RunCommand): { word: ShellWord; what: string }[] {
  const found: { word: ShellWord; what: string }[] = [];
  const { name, args } = command;
  const values = args.map((word) => word.value);
  if (name === 'curl') {
    for (const hit of scanOptions(args, curlSpec)) {
      if (hit.option === '-k' || hit.option === '--insecure') found.push({ word: hit.word, what: `curl ${hit.word.value} turns off TLS certificate verification` });
      else if (hit.option === '--proxy-insecure') found.push({ word: hit.word, what: 'curl --proxy-insecure turns off TLS verification of the proxy' });
    }
  } else if (name === 'wget') {
    for (const word of args) if (word.value === '--no-check-certificate') found.push({ word, what: 'wget --no-check-certificate turns off TLS certificate verification' });
  } else if (/^pip\d*(?:\.\d+)?$/.test(name) || (/^python\d*(?:\.\d+)?$/.test(name) && values[0] === '-m' && values[1] === 'pip') || name === 'uv') {
    for (const word of args) {
      if (/^--trusted-host(?:=|$)/.test(word.value)) found.push({ word, what: 'pip --trusted-host accepts that host without a valid HTTPS certificate' });
      if (/^--allow-insecure-host(?:=|$)/.test(word.value)) found.push({ word, what: 'uv --allow-insecure-host accepts that host without a valid HTTPS certificate' });
    }
    const key = values.indexOf('set');
    if (values.includes('config') && key >= 0 && /trusted-host$/.test(values[key + 1] ?? '')) found.push({ word: args[key + 1]!, what: 'pip config trusted-host accepts that host without a valid HTTPS certificate' });
  } else if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    for (let i = 0; i < args.length; i++) {
      const value = values[i]!;
      if (/^--strict-ssl=false$/i.test(value) || value === '--no-strict-ssl') found.push({ word: args[i]!, what: `${name} ${value} accepts any TLS certificate` });
      const setting = /^(strict-ssl|enableStrictSsl)(?:=(.*))?$/.exec(value);
      if (setting && values.slice(0, i).includes('set')) {
        const settingValue = setting[2] ?? values[i + 1] ?? '';
        if (/^["']?false["']?$/i.test(settingValue)) found.push({ word: args[i]!, what: `${name} config ${setting[1]!} false makes ${name} accept any TLS certificate` });
      }
    }
  } else if (name === 'git') {
    for (let i = 0; i < args.length; i++) {
      const match = /^(http\.(?:.*\.)?sslverify)(?:=(.*))?$/i.exec(values[i]!);
      if (!match) continue;
      const value = match[2] ?? (values[i - 1] === '-c' ? undefined : values[i + 1]);
      if (value !== undefined && falseValue.test(value)) found.push({ word: args[i]!, what: `git ${match[1]!}=false turns off TLS certificate verification` });
    }
  } else if (name === 'yum' || name === 'dnf' || name === 'microdnf' || name === 'tdnf' || name === 'yum-config-manager' || name === 'dnf-config-manager') {
    for (const word of args) {
      const match = /^(?:--setopt=)?(?:[\w.-]+\.)?sslverify=(.*)$/i.exec(word.value);
      if (match && falseValue.test(match[1]!)) found.push({ word, what: `${name} sslverify=${match[1]!} turns off TLS certificate verification` });
    }
  } else if (name === 'apt-get' || name === 'apt') {
    for (const hit of scanOptions(args, { shortWithValue: 'oct', longWithValue: ['--option'] })) {
      if ((hit.option === '-o' || hit.option === '--option') && /^Acquire::https::(?:[^:]+::)?Verify-(?:Peer|Host)=["']?(?:false|0|no)["']?$/i.test(hit.value ?? '')) {
        found.push({ word: hit.word, what: `apt ${hit.value!} turns off TLS certificate verification` });
      }
    }
  } else if (name === 'conda' || name === 'mamba' || name === 'micromamba') {
    const at = values.indexOf('ssl_verify');
    if (at > 0 && values[at - 1] === '--set' && falseValue.test(values[at + 1] ?? '')) found.push({ word: args[at]!, what: `${name} ssl_verify false turns off TLS certificate verification` });
  } else if (name === 'composer') {
    const at = values.indexOf('disable-tls');
    if (at > 0 && values.includes('config') && /^(?:true|1)$/i.test(values[at + 1] ?? '')) found.push({ word: args[at]!, what: 'composer disable-tls true downloads packages without TLS' });
  }
  return found;
}

export const tlsVerificationDisabled: DockerfileRule = {
  id: 'tls-verification-disabled',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [
    'checkov:CKV2_DOCKER_2',
    'checkov:CKV2_DOCKER_3',
    'checkov:CKV2_DOCKER_4',
    'checkov:CKV2_DOCKER_5',
    'checkov:CKV2_DOCKER_6',
    'checkov:CKV2_DOCKER_12',
    'checkov:CKV2_DOCKER_13',
    'checkov:CKV2_DOCKER_14',
    'checkov:CKV2_DOCKER_15',
    'checkov:CKV2_DOCKER_16',
    'checkov:CKV2_DOCKER_18',
  ],
  docs: {
    finds:
      'TLS certificate checks turned off: `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, ' +
      '`npm`/`yarn` `strict-ssl false`, `git -c http.sslVerify=false`, `sslverify=0` for yum/dnf, apt `Verify-Peer=false`, ' +
      'and the variables `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`, ' +
      '`NPM_CONFIG_STRICT_SSL=false`, `PIP_TRUSTED_HOST`, `GOINSECURE` in `ENV`, `ARG` or `RUN`.',
    why:
      'Without certificate verification anyone on the network path (a compromised proxy, Wi-Fi or ' +
      'build runner) can answer in place of the real server, and whatever they send is installed or ' +
      'run in your image. An `ENV` keeps the setting for every container started from the image, so ' +
      'the app itself stops checking certificates too. The usual cause is a corporate proxy that ' +
      're-signs TLS: add its CA certificate instead (`COPY corp-ca.crt /usr/local/share/ca-certificates/` ' +
      'then `RUN update-ca-certificates`; for Node.js `NODE_EXTRA_CA_CERTS`, for pip `PIP_CERT`), ' +
      'preferably as a secret mount so the build keeps verifying everything else.',
    example: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n',
    fixedExample: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'ARG') continue;
      const properties = (instruction as Instruction & { getProperties?(): PropertyLike[] }).getProperties?.() ?? [];
      for (const property of properties) {
        const name = property.getName();
        const range = property.getNameRange();
        const value = property.getValue();
        if (!name || !range || value === null) continue;
        const what = insecureVariable(name, value);
        if (what) report({ range, message: `${keyword} ${what}, so a network attacker can impersonate servers; trust the needed CA certificate instead.` });
      }
    }
    for (const command of allRunCommands(model)) {
      for (const variable of command.environment) {
        const what = insecureVariable(variable.name, variable.value);
        if (what) report({ range: wordRange(model, variable), message: `${what}, so a network attacker can impersonate servers; trust the needed CA certificate instead.` });
      }
      for (const { word, what } of findInCommand(command)) {
        report({ range: wordRange(model, word), message: `${what}, so a network attacker can swap what the build downloads; trust the needed CA certificate instead.` });
      }
    }
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const script = model.shellScript(instruction);
        if (!script) continue;
        const pattern = /\binsecure\b[^;&|\n]*>>?\s*\S*\.curlrc|check_certificate\s*=\s*(?:off|no|0)\b/g;
        for (let match = pattern.exec(script.source); match; match = pattern.exec(script.source)) {
          const start = script.offset + match.index;
          report({
            range: model.lines.rangeOf(start, start + match[0].length),
            message: `This RUN writes ${match[0].includes('curlrc') ? "'insecure' into .curlrc, which turns off curl's" : "check_certificate = off into .wgetrc, which turns off wget's"} TLS certificate verification; trust the needed CA certificate instead.`,
          });
        }
      }
    }
  },
};
