import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageService, memoryFileAccess, type SignatureHelp, type SourceDocument } from '../../server/src/core';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });

/** Signature help at the `|` marker, which is removed from the text. */
function help(marked: string): SignatureHelp | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split(/\r?\n/);
  return service.signatureHelp(doc(text), { line: before.length - 1, character: before[before.length - 1]!.length });
}

/** The label and the active parameter's label, as `LABEL => PARAMETER`. */
function active(marked: string): string {
  const result = help(marked);
  if (!result) return 'none';
  return `${result.label} => ${result.parameters[result.activeParameter]?.label ?? '-'}`;
}

const copy = 'COPY [--from=<stage>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... <dest>';
const from = 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]';

describe('Dockerfile signature help', () => {
  it('shows COPY with sources and the destination', () => {
    const result = help('FROM a\nCOPY |');
    assert.ok(result);
    assert.equal(result.label, copy);
    assert.match(result.documentation ?? '', /COPY/);
    for (const parameter of result.parameters) assert.ok(result.label.includes(parameter.label), parameter.label);
    assert.equal(active('FROM a\nCOPY |'), `${copy} => <src>...`);
    assert.equal(active('FROM a\nCOPY --from=build a |'), `${copy} => <dest>`);
    assert.equal(active('FROM a\nCOPY a b |'), `${copy} => <dest>`);
    assert.equal(active('FROM a\nCOPY a| b'), `${copy} => <src>...`);
    assert.equal(active('FROM a\nCOPY --ch|'), `${copy} => [--chown=<user>:<group>]`);
    assert.equal(active('FROM a\nCOPY --link|'), `${copy} => [--link]`);
  });

  it('shows FROM with the image, then AS', () => {
    assert.equal(active('FROM |'), `${from} => <image>[:<tag>|@<digest>]`);
    assert.equal(active('FROM --platform=$BUILDPLATFORM |'), `${from} => <image>[:<tag>|@<digest>]`);
    assert.equal(active('FROM --pl|'), `${from} => [--platform=<platform>]`);
    assert.equal(active('FROM golang:1.23 |'), `${from} => [AS <name>]`);
    assert.equal(active('FROM golang:1.23 AS b|'), `${from} => [AS <name>]`);
  });

  it('follows the form written: shell or exec, HEALTHCHECK CMD or NONE', () => {
    assert.equal(active('FROM a\nCMD |'), 'CMD <command> [<param>...] => <command>');
    assert.equal(active('FROM a\nCMD python |'), 'CMD <command> [<param>...] => [<param>...]');
    assert.equal(active('FROM a\nCMD [|'), 'CMD ["<executable>", "<param>", ...] => "<executable>"');
    assert.equal(active('FROM a\nCMD ["python", "app.py"|]'), 'CMD ["<executable>", "<param>", ...] => "<param>", ...');
    assert.equal(active('FROM a\nHEALTHCHECK --interval=5s |'), 'HEALTHCHECK [options] CMD <command> => CMD');
    assert.equal(active('FROM a\nHEALTHCHECK --interval=5s CMD curl |'), 'HEALTHCHECK [options] CMD <command> => <command>');
    assert.equal(active('FROM a\nHEALTHCHECK --ret|'), 'HEALTHCHECK [options] CMD <command> => [options]');
    assert.equal(active('FROM a\nHEALTHCHECK NONE|'), 'HEALTHCHECK NONE => NONE');
  });

  it('reads RUN across continuations, and flags by name', () => {
    const run = 'RUN [--mount=<mount>] [--network=<network>] [--security=<security>] <command>';
    assert.equal(active('FROM a\nRUN --mount=type=cache,target=/root/.cache \\\n    --net|'), `${run} => [--network=<network>]`);
    assert.equal(active('FROM a\nRUN apt-get update \\\n  # note\n  && apt-get install -y |'), `${run} => <command>`);
    assert.equal(active('FROM a\nRUN ["sh", |'), 'RUN [--mount=<mount>] [--network=<network>] [--security=<security>] ["<executable>", "<param>", ...] => "<param>", ...');
  });

  it('shows the other instructions', () => {
    assert.equal(active('FROM a\nENV A=1 |'), 'ENV <key>=<value> [<key>=<value>...] => [<key>=<value>...]');
    assert.equal(active('FROM a\nEXPOSE |'), 'EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...] => <port>[/<protocol>]');
    assert.equal(active('FROM a\nUSER |'), 'USER <user>[:<group>] => <user>[:<group>]');
    assert.equal(active('FROM a\nSTOPSIGNAL |'), 'STOPSIGNAL <signal> => <signal>');
    assert.equal(active('FROM a\nADD --checksum=sha256:0 https://x/a.tgz |'), 'ADD [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--checksum=<checksum>] <src>... <dest> => <dest>');
    assert.equal(active('FROM a\nONBUILD |'), 'ONBUILD <instruction> => <instruction>');
    assert.equal(active('FROM a\nONBUILD COPY a |'), `${copy} => <dest>`);
  });

  it('answers nothing on the keyword, in heredocs, comments and unknown instructions', () => {
    assert.equal(active('FROM a\nCO|PY a b'), 'none');
    assert.equal(active('FROM a\nRUN <<EOF\necho |\nEOF'), 'none');
    assert.equal(active('FROM a\n# COPY |'), 'none');
    assert.equal(active('FROM a\nFRUM |'), 'none');
    assert.equal(service.signatureHelp(doc('FROM a'), { line: 5, character: 0 }), undefined);
  });
});
