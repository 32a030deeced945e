import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits, type FileAccess, type Finding, memoryFileAccess, noFileAccess } from '../../server/src/core';
import { securityRules } from '../../server/src/core/dockerfile/rules/group-security';
import { findTokens, looksGenerated } from '../../server/src/core/dockerfile/security/secrets';

const ids = securityRules.map((rule) => rule.id);
const allOn = Object.fromEntries(ids.map((id) => [id, 'warning' as const]));

function lint(text: string, files: FileAccess = noFileAccess, path: string | undefined = undefined): Finding[] {
  return analyzeText('dockerfile', text, { rules: allOn }, { files, path }).findings;
}

const of = (findings: readonly Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('security rules on hostile input', () => {
  const hostile: Record<string, string> = {
    empty: '',
    'bare FROM': 'FROM',
    'only ARG': 'ARG A=$B',
    'NUL bytes': 'FROM alpine\0\nRUN \0 | sh\0',
    'unterminated quote': "FROM alpine:3.20\nRUN curl 'https://x | sh\nENV A=\"b\n",
    'open substitution': 'FROM alpine:3.20\nRUN sh -c "$(curl -fsSL https://x"\n',
    'deep nesting': `FROM alpine:3.20\nRUN ${'$('.repeat(200)}curl x${')'.repeat(200)} | sh\n`,
    'heredoc RUN': 'FROM alpine:3.20\nRUN <<EOF\ncurl -k https://x | sh\nrm -rf /tmp\nEOF\n',
    'unterminated heredoc': 'FROM alpine:3.20\nRUN <<EOF\napk add --allow-untrusted x\n',
    'heredoc COPY': 'FROM alpine:3.20\nCOPY <<EOF /etc/x\nghp_R8d2Kq7LmN3pX9vT4wY6zA1bC5eF0gH2jK4s\nEOF\n',
    'exec form everything': 'FROM alpine:3.20\nRUN ["curl", "-k", "https://x"]\nENTRYPOINT ["tini"\nCMD [\n',
    'dangling flags': 'FROM alpine:3.20\nRUN curl -o\nRUN wget -O\nRUN apt-get -o\nRUN useradd -p\nRUN git clone\nADD --checksum= \nCOPY --from= . .\n',
    'variables everywhere': 'ARG A\nFROM $A AS $A\nUSER $A\nWORKDIR $A\nCOPY $A $A\nRUN rm -rf $A/*\nEXPOSE $A\n',
    'cyclic stages': 'FROM b AS a\nFROM a AS b\nCMD ["x"]\n',
    'self stage': 'FROM a AS a\nRUN apt-get install -y gcc\nFROM a\nCMD ["a"]\n',
    'windows': 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN $env:X = 1; Remove-Item C:\\tmp\nUSER ContainerAdministrator\nWORKDIR C:\\\\app\nCMD ["app.exe"]\n',
    'escape directive': '# escape=`\nFROM alpine:3.20\nRUN curl -k `\n  https://x | sh\n',
    'long line': `FROM alpine:3.20\nENV TOKEN=${'A1b2'.repeat(5000)}\nRUN echo ${'x '.repeat(20000)}\n`,
    'odd paths': 'FROM alpine:3.20\nWORKDIR ../../..\nCOPY a/../../b ../c/\nRUN rm -rf / /.. ../\nWORKDIR //proc//x/\n',
  };
  for (const [name, text] of Object.entries(hostile)) {
    it(`never throws: ${name}`, () => {
      const files = memoryFileAccess({ '/p/.dockerignore': '!\n[\n**\n!**/x\n\\', '/p/Dockerfile': text });
      assert.deepEqual(lint(text, files, '/p/Dockerfile').filter((f) => f.rule === 'internal-error'), []);
      assert.deepEqual(lint(text).filter((f) => f.rule === 'internal-error'), []);
    });
  }
});

describe('missing-dockerignore', () => {
  const dockerfile = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n';
  const project = (extra: Record<string, string>) => memoryFileAccess({ '/p/Dockerfile': dockerfile, '/p/package.json': '{}', ...extra });

  it('fires when the context holds .git or node_modules and no ignore file exists', () => {
    const findings = of(lint(dockerfile, project({ '/p/.git/HEAD': 'ref', '/p/node_modules/a/index.js': '' }), '/p/Dockerfile'), 'missing-dockerignore');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /\.git and node_modules/);
    assert.deepEqual(findings[0]!.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } });
  });

  it('is quiet with a .dockerignore, or BuildKit\'s <Dockerfile>.dockerignore', () => {
    assert.deepEqual(of(lint(dockerfile, project({ '/p/.git/HEAD': 'ref', '/p/.dockerignore': '.git\n' }), '/p/Dockerfile'), 'missing-dockerignore'), []);
    assert.deepEqual(of(lint(dockerfile, project({ '/p/.git/HEAD': 'ref', '/p/Dockerfile.dockerignore': '.git\n' }), '/p/Dockerfile'), 'missing-dockerignore'), []);
  });

  it('is quiet without a path, without junk, or without a whole-context copy', () => {
    assert.deepEqual(of(lint(dockerfile, project({ '/p/.git/HEAD': 'ref' })), 'missing-dockerignore'), []);
    assert.deepEqual(of(lint(dockerfile, project({ '/p/src/index.js': '' }), '/p/Dockerfile'), 'missing-dockerignore'), []);
    assert.deepEqual(of(lint('FROM node:22-alpine\nCOPY src/ /app/\n', project({ '/p/.git/HEAD': 'ref' }), '/p/Dockerfile'), 'missing-dockerignore'), []);
  });

  it('treats .env.example as harmless and .env.local as a secret', () => {
    assert.deepEqual(of(lint(dockerfile, project({ '/p/.env.example': 'A=' }), '/p/Dockerfile'), 'missing-dockerignore'), []);
    assert.equal(of(lint(dockerfile, project({ '/p/.env.local': 'A=1' }), '/p/Dockerfile'), 'missing-dockerignore').length, 1);
  });
});

describe('copy-ignored-file', () => {
  const dockerfile = 'FROM python:3.12-slim\nCOPY app.py .env ./\nCOPY data/ /data/\nCOPY src/main.py /app/\n';

  it('reports sources the .dockerignore excludes, with Docker\'s matching', () => {
    const files = memoryFileAccess({ '/p/Dockerfile': dockerfile, '/p/.dockerignore': '# secrets\n.env\ndata\n' });
    const findings = of(lint(dockerfile, files, '/p/Dockerfile'), 'copy-ignored-file');
    assert.deepEqual(findings.map((f) => f.range.start.line), [1, 2]);
    assert.match(findings[0]!.message, /'\.env' is excluded by \.dockerignore/);
  });

  it('prefers <Dockerfile>.dockerignore beside the Dockerfile, as BuildKit does', () => {
    const files = memoryFileAccess({ '/p/Dockerfile': dockerfile, '/p/.dockerignore': '.env\n', '/p/Dockerfile.dockerignore': 'src\n' });
    const findings = of(lint(dockerfile, files, '/p/Dockerfile'), 'copy-ignored-file');
    assert.deepEqual(findings.map((f) => f.range.start.line), [3]);
    assert.match(findings[0]!.message, /Dockerfile\.dockerignore/);
  });

  it('does not report what an exception brings back, nor the context root', () => {
    const files = memoryFileAccess({ '/p/Dockerfile': dockerfile, '/p/.dockerignore': '*\n!app.py\n!data/keep.csv\n!src\n' });
    const text = `${dockerfile}COPY . .\n`;
    const findings = of(lint(text, files, '/p/Dockerfile'), 'copy-ignored-file');
    assert.deepEqual(findings.map((f) => f.range.start.line), [1]);
    assert.match(findings[0]!.message, /'\.env'/);
  });

  it('matches patterns from the context root only: *.pyc is not **/*.pyc', () => {
    const text = 'FROM python:3.12-slim\nCOPY a.pyc pkg/b.pyc /app/\n';
    const files = memoryFileAccess({ '/p/Dockerfile': text, '/p/.dockerignore': '*.pyc\n' });
    assert.deepEqual(of(lint(text, files, '/p/Dockerfile'), 'copy-ignored-file').map((f) => f.range.start.character), [5]);
  });

  it('needs a path and an ignore file', () => {
    assert.deepEqual(of(lint(dockerfile, memoryFileAccess({ '/p/.dockerignore': '.env\n' })), 'copy-ignored-file'), []);
    assert.deepEqual(of(lint(dockerfile, memoryFileAccess({ '/p/Dockerfile': dockerfile }), '/p/Dockerfile'), 'copy-ignored-file'), []);
  });
});

describe('quick fixes', () => {
  const fixOf = (text: string, rule: string): string => {
    const finding = of(lint(text), rule)[0];
    assert.ok(finding?.fix, `${rule} offers no fix`);
    return applyEdits(text, finding.fix.edits);
  };

  it('pid1-without-init installs tini before the USER switch and puts it in front of CMD (Alpine)', () => {
    const text = 'FROM node:22-alpine\nWORKDIR /app\nUSER node\nEXPOSE 3000\nCMD ["node", "server.js"]\n';
    assert.equal(
      fixOf(text, 'pid1-without-init'),
      'FROM node:22-alpine\nWORKDIR /app\nRUN apk add --no-cache tini\nUSER node\nEXPOSE 3000\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]\n',
    );
  });

  it('pid1-without-init keeps an exec-form ENTRYPOINT after -- (Debian)', () => {
    const text = 'FROM python:3.12-slim\nEXPOSE 8000\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn-like", "app"]\n';
    assert.equal(
      fixOf(text, 'pid1-without-init'),
      'FROM python:3.12-slim\nEXPOSE 8000\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends tini \\\n    && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["/usr/bin/tini", "--", "/entrypoint.sh"]\nCMD ["gunicorn-like", "app"]\n',
    );
  });

  it('pid1-without-init copies a static tini where there is no apt or apk, and offers no fix for a CMD from another stage', () => {
    assert.match(fixOf('FROM fedora:40\nEXPOSE 3000\nCMD ["node", "server.js"]\n', 'pid1-without-init'), /COPY --from=tini \/sbin\/tini-static \/usr\/local\/bin\/tini\nENTRYPOINT/);
    assert.match(fixOf('FROM node:22-alpine\nEXPOSE 3000\nCMD node server.js\n', 'pid1-without-init'), /ENTRYPOINT \["\/sbin\/tini", "--"\]\nCMD node server.js/);
    const finding = of(lint('FROM node:22-alpine AS base\nCMD ["node", "server.js"]\nFROM base\nEXPOSE 3000\n'), 'pid1-without-init')[0];
    assert.ok(finding);
    assert.equal(finding.fix, undefined);
  });

  it('image-runs-as-root switches to a numeric user', () => {
    assert.equal(fixOf('FROM alpine:3.20\nCOPY app /app\nUSER root\nCMD ["/app"]\n', 'image-runs-as-root'), 'FROM alpine:3.20\nCOPY app /app\nUSER 10001:10001\nCMD ["/app"]\n');
    assert.equal(fixOf('FROM alpine:3.20\nCOPY app /app\nCMD ["/app"]\n', 'image-runs-as-root'), 'FROM alpine:3.20\nCOPY app /app\nUSER 10001:10001\nCMD ["/app"]\n');
  });

  it('global-arg-not-redeclared declares the ARG after FROM, also at the end of the file', () => {
    assert.equal(fixOf('ARG V=1\nFROM alpine:3.20\nRUN echo $V\n', 'global-arg-not-redeclared'), 'ARG V=1\nFROM alpine:3.20\nARG V\nRUN echo $V\n');
    assert.equal(fixOf('ARG V=1\nFROM alpine:3.20\nRUN echo $V', 'global-arg-not-redeclared'), 'ARG V=1\nFROM alpine:3.20\nARG V\nRUN echo $V');
  });
});

describe('precision', () => {
  it('recognises token formats and skips documentation keys', () => {
    assert.deepEqual(findTokens('AKIAZ7Q4XK2M3PLR5T6W').map((t) => t.kind), ['an AWS access key ID']);
    assert.deepEqual(findTokens('AKIAIOSFODNN7EXAMPLE'), []);
    assert.deepEqual(findTokens('ghp_short'), []);
  });

  it('tells generated values from words, versions, paths and hex fingerprints of the wrong name', () => {
    assert.equal(looksGenerated('q8Zr2Lx9Vt4Kp7Wm3Nc6Hb1Yd5Fg0Js8'), true);
    assert.equal(looksGenerated('my-super-secret-password'), false);
    assert.equal(looksGenerated('1.2.3-alpine3.20'), false);
    assert.equal(looksGenerated('/run/secrets/api_token_file'), false);
    const findings = lint('FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV SESSION_SECRET=3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e\n');
    assert.deepEqual(of(findings, 'secret-value').map((f) => f.range.start.line), [2]);
  });

  it('never echoes the secret in the message', () => {
    const token = 'ghp_R8d2Kq7LmN3pX9vT4wY6zA1bC5eF0gH2jK4s';
    for (const finding of of(lint(`FROM alpine:3.20\nENV GITHUB_TOKEN=${token}\nRUN echo ${token}\n`), 'secret-value')) assert.doesNotMatch(finding.message, /ghp_/);
  });

  it('reads curl option clusters the way getopt does', () => {
    const lines = ['RUN curl -fsSLk https://x', 'RUN curl -ko out https://x', 'RUN curl -o k https://x', 'RUN curl -Hk https://x', 'RUN curl -- -k'];
    const findings = of(lint(`FROM alpine:3.20\n${lines.join('\n')}\n`), 'tls-verification-disabled');
    assert.deepEqual(findings.map((f) => f.range.start.line), [1, 2]);
  });

  it('follows a global ARG only where the shell expands it', () => {
    const text = 'ARG V=1\nFROM alpine:3.20\nRUN echo "$V" \'$V\'\nRUN for V in a b; do echo $V; done\nCMD echo $V\nSHELL ["pwsh", "-c"]\nRUN echo $V\n';
    assert.deepEqual(of(lint(text), 'global-arg-not-redeclared').map((f) => `${f.range.start.line}:${f.range.start.character}`), ['2:10']);
  });
});
