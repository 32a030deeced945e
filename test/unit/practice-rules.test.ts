import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits, type Finding } from '../../server/src/core';
import { practiceRules } from '../../server/src/core/dockerfile/rules/group-practice';

/** Every practice rule switched on, the ones that ship off included. */
const allOn = Object.fromEntries(practiceRules.map((rule) => [rule.id, rule.defaultSeverity]));

function findings(text: string): Finding[] {
  return analyzeText('dockerfile', text, { rules: allOn }).findings;
}

function only(text: string, rule: string): Finding[] {
  return findings(text).filter((finding) => finding.rule === rule);
}

/** Applies the fix of the one finding of `rule` (the `index`-th when there are several). */
function fixed(text: string, rule: string, index = 0): string {
  const finding = only(text, rule)[index];
  assert.ok(finding, `no ${rule} finding in:\n${text}`);
  assert.ok(finding.fix, `${rule} offers no fix for:\n${text}`);
  return applyEdits(text, finding.fix.edits);
}

describe('practice rules on hostile input', () => {
  const deep = `FROM alpine:3.20\nRUN ${'('.repeat(400)}echo hi${')'.repeat(400)}\n`;
  const deepSubstitution = `FROM alpine:3.20\nRUN echo ${'$('.repeat(300)}x${')'.repeat(300)}\n`;
  const snippets = [
    '',
    'RUN',
    'FROM alpine:3.20\nRUN',
    'FROM alpine:3.20\nRUN \\',
    'FROM alpine:3.20\nRUN \\\n',
    'FROM alpine:3.20\nRUN "unterminated',
    "FROM alpine:3.20\nRUN echo 'unterminated && apt-get install curl",
    'FROM alpine:3.20\nRUN echo $(',
    'FROM alpine:3.20\nRUN echo $((1 +',
    'FROM alpine:3.20\nRUN echo `unterminated',
    'FROM alpine:3.20\nRUN if then fi done esac ;; && || | |',
    'FROM alpine:3.20\nRUN cd',
    'FROM alpine:3.20\nRUN cd && ',
    'FROM alpine:3.20\nRUN <<EOF',
    'FROM alpine:3.20\nRUN <<EOF\n',
    'FROM alpine:3.20\nRUN <<EOF\nEOF\n',
    'FROM alpine:3.20\nRUN <<',
    'FROM alpine:3.20\nRUN <<EOF bash\ncd /app\napt-get install curl\n',
    'FROM debian:12\nRUN apt-get',
    'FROM debian:12\nRUN apt-get install -o',
    'FROM debian:12\nRUN apt-get -o',
    'FROM debian:12\nRUN apt-get update &&',
    'FROM debian:12\nRUN sudo',
    'FROM debian:12\nRUN sudo -u',
    'FROM debian:12\nRUN env',
    'FROM debian:12\nRUN python -m',
    'FROM debian:12\nRUN python3 -W',
    'FROM debian:12\nRUN pip install -r',
    'FROM debian:12\nRUN useradd -u',
    'FROM debian:12\nRUN useradd --uid=',
    'FROM debian:12\nRUN ln -t',
    'FROM debian:12\nRUN zypper',
    'FROM debian:12\nRUN wget | ',
    'FROM debian:12\nRUN | curl',
    'FROM debian:12\nRUN --mount=',
    'FROM debian:12\nRUN --mount=type=cache',
    'FROM debian:12\nRUN --mount=type=cache,target= pip install x',
    'FROM debian:12\nRUN []',
    'FROM debian:12\nRUN ["apt-get", "install", "curl"]',
    'FROM debian:12\nRUN ["unterminated',
    'FROM debian:12\nSHELL []\nRUN a | b',
    'FROM debian:12\nSHELL ["/bin/bash"\nRUN a | b',
    'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN a | b',
    'FROM\nCOPY\nADD\nENV\nENV A=\nENV =1\nWORKDIR\nUSER\n',
    'FROM :latest\nFROM @sha256:\nFROM $UNSET:latest\n',
    'FROM alpine:3.20\nCOPY --from= a b\nCOPY --from=$X a b\nCOPY --from=999999999999999999999 a b\n',
    'FROM alpine:3.20\nCOPY ["a", "b"\nADD ["x"]\nCOPY a\n',
    'FROM alpine:3.20\nCOPY <<EOF\nADD <<EOF <<EOT /x\n',
    'FROM alpine:3.20\nENV A=1 B=$A C=${A:-${B}} D=${',
    'FROM alpine:3.20\nONBUILD RUN apt-get install curl | tee log\n',
    '# escape=`\nFROM debian:12\nRUN apt-get update `\n  && apt-get install curl `\n',
    'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install curl\r\n',
    'FROM debian:12\nRUN apt-get update && apt-get install \u00e9\u4e2d\ud83d\ude00 && cd /\u00e9\n',
    `FROM debian:12\nRUN ${'apt-get install curl && '.repeat(300)}true\n`,
    deep,
    deepSubstitution,
  ];
  // The engine turns a rule that throws into an `internal-error` finding naming the rule.
  const ours = new RegExp(`rule (?:${practiceRules.map((rule) => rule.id).join('|')}) failed`);
  snippets.forEach((text, index) => {
    it(`does not throw on snippet ${index}: ${JSON.stringify(text.slice(0, 50))}`, () => {
      const errors = findings(text).filter((finding) => finding.rule === 'internal-error' && ours.test(finding.message));
      assert.deepEqual(errors, []);
    });
  });
});

describe('practice fixes produce exactly this text', () => {
  it('adds -y right after the install subcommand', () => {
    assert.equal(
      fixed('FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', 'apt-get-install-missing-yes'),
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('adds --no-install-recommends without retyping the line', () => {
    assert.equal(
      fixed('FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*\n', 'apt-get-install-recommends'),
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  describe('appends the apt lists cleanup in the style of the instruction', () => {
    it('on one line', () => {
      assert.equal(
        fixed('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n', 'apt-lists-not-removed'),
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      );
    });

    it('with leading && on continuation lines, after a package list', () => {
      assert.equal(
        fixed('FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        curl \\\n        git\n', 'apt-lists-not-removed'),
        'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        curl \\\n        git \\\n    && rm -rf /var/lib/apt/lists/*\n',
      );
    });

    it('with trailing && and more commands after the install', () => {
      assert.equal(
        fixed('FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && \\\n    echo done\n', 'apt-lists-not-removed'),
        'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && \\\n    rm -rf /var/lib/apt/lists/* && \\\n    echo done\n',
      );
    });

    it('in the tab-indented, semicolon style of the official images, comments untouched', () => {
      const text = 'FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends \\\n# the pager\n\t\tless \\\n\t; \\\n\techo ok\n';
      assert.equal(
        fixed(text, 'apt-lists-not-removed'),
        'FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends \\\n# the pager\n\t\tless \\\n\t&& rm -rf /var/lib/apt/lists/* \\\n\t; \\\n\techo ok\n',
      );
    });

    it('in a heredoc script', () => {
      assert.equal(
        fixed('FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nEOF\n', 'apt-lists-not-removed'),
        'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEOF\n',
      );
    });

    it('with the backtick escape character', () => {
      assert.equal(
        fixed('# escape=`\nFROM debian:12\nRUN apt-get update `\n    && apt-get install -y --no-install-recommends curl\n', 'apt-lists-not-removed'),
        '# escape=`\nFROM debian:12\nRUN apt-get update `\n    && apt-get install -y --no-install-recommends curl `\n    && rm -rf /var/lib/apt/lists/*\n',
      );
    });

    it('with CRLF line endings', () => {
      assert.equal(
        fixed('FROM debian:12\r\nRUN apt-get update \\\r\n    && apt-get install -y --no-install-recommends curl\r\n', 'apt-lists-not-removed'),
        'FROM debian:12\r\nRUN apt-get update \\\r\n    && apt-get install -y --no-install-recommends curl \\\r\n    && rm -rf /var/lib/apt/lists/*\r\n',
      );
    });

    it('not when a later RUN installs without updating, which the cleanup would break', () => {
      const finding = only('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN apt-get install -y --no-install-recommends git\n', 'apt-lists-not-removed')[0];
      assert.ok(finding);
      assert.equal(finding.fix, undefined);
    });
  });

  it('adds --no-cache to apk add and --no-cache-dir to pip install', () => {
    assert.equal(fixed('FROM alpine:3.20\nRUN apk add curl\n', 'apk-add-cache'), 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');
    assert.equal(
      fixed('FROM python:3.12-slim\nRUN python3 -m pip install -r /tmp/requirements.txt\n', 'pip-install-cache'),
      'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -r /tmp/requirements.txt\n',
    );
  });

  it('cleans the yum, dnf, zypper and yarn caches with their own command', () => {
    assert.equal(fixed('FROM rockylinux:9\nRUN dnf install -y nginx\n', 'package-cache-not-cleaned'), 'FROM rockylinux:9\nRUN dnf install -y nginx && dnf clean all\n');
    assert.equal(fixed('FROM opensuse/leap:15.6\nRUN zypper -n in nginx\n', 'package-cache-not-cleaned'), 'FROM opensuse/leap:15.6\nRUN zypper -n in nginx && zypper clean --all\n');
  });

  it('renames ADD to COPY keeping its case, and apt to apt-get', () => {
    assert.equal(fixed('FROM alpine:3.20\nadd app.py /app/\n', 'add-local-file'), 'FROM alpine:3.20\ncopy app.py /app/\n');
    assert.equal(fixed('FROM ubuntu:24.04\nRUN apt update\n', 'apt-instead-of-apt-get'), 'FROM ubuntu:24.04\nRUN apt-get update\n');
    assert.equal(fixed('FROM ubuntu:24.04\nRUN apt search curl\n', 'apt-instead-of-apt-get'), 'FROM ubuntu:24.04\nRUN apt-cache search curl\n');
  });

  describe('moves a leading cd into WORKDIR', () => {
    it('on one line, keeping RUN flags', () => {
      assert.equal(
        fixed('FROM node:22-slim\nRUN --mount=type=cache,target=/root/.npm cd /app && npm ci\n', 'cd-in-run'),
        'FROM node:22-slim\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
      );
    });

    it('across a continuation', () => {
      assert.equal(fixed('FROM node:22-slim\nRUN cd /app \\\n    && npm ci\n', 'cd-in-run'), 'FROM node:22-slim\nWORKDIR /app\nRUN npm ci\n');
    });

    it('keeping a comment line between cd and the rest', () => {
      assert.equal(
        fixed('FROM node:22-slim\nRUN cd /app \\\n# install\n    && npm ci\n', 'cd-in-run'),
        'FROM node:22-slim\nWORKDIR /app\nRUN \\\n# install\n    npm ci\n',
      );
    });

    it('in a heredoc script', () => {
      assert.equal(fixed('FROM node:22-slim\nRUN <<EOF\ncd /app\nnpm ci\nEOF\n', 'cd-in-run'), 'FROM node:22-slim\nWORKDIR /app\nRUN <<EOF\nnpm ci\nEOF\n');
    });

    it('replacing a RUN that only changes directory', () => {
      assert.equal(fixed('FROM node:22-slim\n  run cd /app\n', 'cd-in-run'), 'FROM node:22-slim\n  workdir /app\n');
    });
  });

  it('sets pipefail where the shell has it, and switches Debian to bash', () => {
    assert.equal(fixed('FROM alpine:3.20\nRUN wget -qO- https://x/a.tgz | tar -xz\n', 'pipe-without-pipefail'), 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://x/a.tgz | tar -xz\n');
    assert.equal(
      fixed('FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz\n', 'pipe-without-pipefail'),
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x/a.tgz | tar -xz\n',
    );
    assert.equal(
      fixed('FROM alpine:3.20\nRUN <<EOF\nwget -qO- https://x/a.tgz | tar -xz\nEOF\n', 'pipe-without-pipefail'),
      'FROM alpine:3.20\nRUN <<EOF\nset -o pipefail\nwget -qO- https://x/a.tgz | tar -xz\nEOF\n',
    );
  });

  it('adds -l to useradd, -y to dnf and yum, -n to zypper', () => {
    assert.equal(fixed('FROM debian:12\nRUN useradd -u 1000000 app\n', 'useradd-high-uid'), 'FROM debian:12\nRUN useradd -l -u 1000000 app\n');
    assert.equal(fixed('FROM fedora:41\nRUN dnf install nginx && dnf clean all\n', 'dnf-install-missing-yes'), 'FROM fedora:41\nRUN dnf install -y nginx && dnf clean all\n');
    assert.equal(fixed('FROM centos:7\nRUN yum install httpd && yum clean all\n', 'yum-install-missing-yes'), 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n');
    assert.equal(fixed('FROM opensuse/leap:15.6\nRUN zypper in nginx && zypper cc\n', 'zypper-missing-non-interactive'), 'FROM opensuse/leap:15.6\nRUN zypper -n in nginx && zypper cc\n');
  });

  it('splits an ENV that uses its own earlier definition, and ends a multi-source destination with a slash', () => {
    assert.equal(fixed('FROM alpine:3.20\nENV A=/app B=$A/bin\n', 'env-self-reference'), 'FROM alpine:3.20\nENV A=/app\nENV B=$A/bin\n');
    assert.equal(fixed('FROM alpine:3.20\nCOPY a.txt b.txt /data\n', 'copy-multiple-sources-to-file'), 'FROM alpine:3.20\nCOPY a.txt b.txt /data/\n');
  });
});

describe('practice rules read the shell, not the text', () => {
  it('ignores package-manager words that are arguments or heredoc text', () => {
    const text = 'FROM debian:12\nRUN echo "apt-get install curl" && cat <<EOF > /notes\napt-get install git\nEOF\n';
    assert.deepEqual(findings(text).filter((f) => f.rule.startsWith('apt')), []);
  });

  it('sees through sudo, env and assignments', () => {
    const text = 'FROM debian:12\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive sudo env FOO=1 apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n';
    assert.equal(only(text, 'apt-get-install-missing-yes').length, 1);
  });

  it('does not take pipes inside $(...) as the status of the RUN', () => {
    assert.deepEqual(only('FROM debian:12\nRUN arch="$(dpkg --print-architecture | cut -d- -f1)"; echo "$arch"\n', 'pipe-without-pipefail'), []);
  });

  it('stays linear on a long file', () => {
    const runs = Array.from({ length: 400 }, (_, i) => `RUN apt-get update && apt-get install -y --no-install-recommends pkg${i} | tee /log${i} && rm -rf /var/lib/apt/lists/*`);
    const text = `FROM debian:12\n${runs.join('\n')}\n`;
    const started = Date.now();
    const result = findings(text);
    assert.ok(Date.now() - started < 5000, 'analysis took too long');
    assert.equal(result.filter((f) => f.rule === 'pipe-without-pipefail').length, 400);
  });
});
