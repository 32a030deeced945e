import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Finding } from '../../server/src/core';
import type { ReportFile } from '../../server/src/cli/format';
import { formatCheckstyle } from '../../server/src/cli/format-checkstyle';
import { formatGithub } from '../../server/src/cli/format-github';
import { formatJunit } from '../../server/src/cli/format-junit';
import { formatSarif } from '../../server/src/cli/format-sarif';
import { run, tree } from './run-cli';

/** The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (draft-04, the final 2.1.0 but for descriptions). */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema's `language` pattern is not valid with the `u` flag; the schema means plain regular expressions.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const awkward = 'Quote " apostrophe \' <tag> & 50% done,\r\nnext line: \u0001 end';

function syntheticFile(): ReportFile {
  const finding = (rule: string, severity: Finding['severity'], line: number, start: number, end: number, message = awkward): Finding => ({
    rule,
    severity,
    message,
    range: { start: { line, character: start }, end: { line, character: end } },
  });
  return {
    file: 'odd dir/Dockerfile',
    absolute: path.join(process.cwd(), 'odd dir', 'Dockerfile'),
    kind: 'dockerfile',
    text: 'FROM ubuntu\nMAINTAINER me\nFROM ubuntu\n',
    findings: [
      finding('untagged-base-image', 'warning', 0, 5, 11),
      finding('maintainer-deprecated', 'error', 1, 0, 10),
      finding('untagged-base-image', 'info', 2, 5, 11),
      finding('internal-error', 'hint', 0, 0, 0),
    ],
  };
}

const context = { cwd: process.cwd(), color: false, version: '1.2.3' };

describe('report formats', () => {
  let folder: string;

  before(() => {
    folder = tree({
      'Dockerfile': 'FROM ubuntu\nMAINTAINER me\nCMD bash\n',
      'my app/compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n',
      'clean/Dockerfile': 'FROM alpine:3.20\n',
    });
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('sarif is valid SARIF 2.1.0 with rule metadata, help and 1-based regions', () => {
    const result = run(['lint', '--format', 'sarif', '.'], { cwd: folder });
    assert.equal(result.code, 0, result.stderr);
    const log = JSON.parse(result.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[]; partialFingerprints: Record<string, string> }[];
      }[];
    };
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const [runLog] = log.runs;
    assert.ok(runLog);
    assert.equal(runLog.tool.driver.name, 'Dockhand');
    assert.match(runLog.tool.driver.informationUri, /^https:\/\//);
    const rule = runLog.tool.driver.rules.find((r) => r.id === 'untagged-base-image');
    assert.ok(rule);
    assert.ok(rule.shortDescription.text.length > 10);
    assert.ok(rule.fullDescription.text.length > 10);
    assert.match(rule.help.markdown, /```dockerfile/);
    assert.match(rule.helpUri, /#untagged-base-image$/);
    assert.equal(rule.defaultConfiguration.level, 'warning');
    assert.equal(runLog.originalUriBaseIds['%SRCROOT%']?.uri, `file://${folder}/`);

    const untagged = runLog.results.find((r) => r.ruleId === 'untagged-base-image');
    assert.ok(untagged);
    assert.equal(runLog.tool.driver.rules[untagged.ruleIndex]?.id, 'untagged-base-image');
    assert.deepEqual(untagged.locations[0]?.physicalLocation.artifactLocation, { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(untagged.locations[0]?.physicalLocation.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 12 });
    const compose = runLog.results.find((r) => r.ruleId === 'obsolete-version');
    assert.equal(compose?.locations[0]?.physicalLocation.artifactLocation.uri, 'my%20app/compose.yaml');
    const prints = runLog.results.map((r) => Object.values(r.partialFingerprints)[0]);
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are unique per finding');
  });

  it('sarif stays valid for unknown rules, several severities and awkward text', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatSarif([syntheticFile()], context)) as { runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(log.runs[0]!.results.map((r) => r.level), ['warning', 'error', 'note', 'note']);
    assert.ok(log.runs[0]!.tool.driver.rules.some((r) => r.id === 'internal-error'));
    assert.ok(validate(JSON.parse(formatSarif([], context))), 'an empty run is valid too');
    const broken = JSON.parse(formatSarif([syntheticFile()], context)) as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'loud';
    assert.equal(validate(broken), false, 'the validator rejects what the schema forbids');
  });

  it('github prints one escaped workflow annotation per finding', () => {
    const result = run(['lint', '--format', 'github', '.'], { cwd: folder });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.includes('::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=11,title=untagged-base-image::' + findMessage(result.stdout, 'untagged-base-image')));
    assert.ok(lines.some((line) => line.startsWith('::warning file=my app/compose.yaml,line=1,')));
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?,title=[a-z0-9-]+::[^\r\n]+$/);

    const synthetic = formatGithub([{ ...syntheticFile(), absolute: path.join(process.cwd(), 'a,b:c%', 'Dockerfile') }], context);
    const [first, , third, fourth] = synthetic.trim().split('\n');
    assert.equal(first, `::warning file=a%2Cb%3Ac%25/Dockerfile,line=1,col=6,endLine=1,endColumn=11,title=untagged-base-image::Quote " apostrophe ' <tag> & 50%25 done,%0D%0Anext line: \u0001 end`);
    assert.match(third!, /^::notice /);
    assert.match(fourth!, /^::notice file=[^:]+,line=1,col=1,endLine=1,endColumn=1,title=internal-error::/);
  });

  it('checkstyle is well-formed XML with every finding, escaped', () => {
    const result = run(['lint', '--format', 'checkstyle', '.'], { cwd: folder });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(XMLValidator.validate(result.stdout), true);
    const parsed = parseXml(result.stdout) as { checkstyle: { file: { '@_name': string; error?: { '@_line': string; '@_column': string; '@_severity': string; '@_source': string }[] }[] } };
    const files = parsed.checkstyle.file;
    assert.deepEqual(files.map((f) => f['@_name']).sort(), ['Dockerfile', 'clean/Dockerfile', 'my app/compose.yaml']);
    const untagged = files.find((f) => f['@_name'] === 'Dockerfile')?.error?.find((e) => e['@_source'] === 'dockhand.untagged-base-image');
    assert.deepEqual([untagged?.['@_line'], untagged?.['@_column'], untagged?.['@_severity']], ['1', '6', 'warning']);

    const synthetic = formatCheckstyle([syntheticFile()]);
    assert.equal(XMLValidator.validate(synthetic), true);
    const message = (parseXml(synthetic) as { checkstyle: { file: { error: { '@_message': string }[] }[] } }).checkstyle.file[0]!.error[0]!['@_message'];
    assert.equal(message, awkward.replace('\u0001', '\uFFFD'));
  });

  it('junit is well-formed XML: a failing test case per finding, a passing one per clean file', () => {
    const result = run(['lint', '--format', 'junit', '.'], { cwd: folder });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(XMLValidator.validate(result.stdout), true);
    const parsed = parseXml(result.stdout) as { testsuites: { '@_tests': string; '@_failures': string; testsuite: { '@_name': string; '@_failures': string; testcase: { failure?: unknown }[] }[] } };
    const suites = parsed.testsuites.testsuite;
    const clean = suites.find((s) => s['@_name'] === 'clean/Dockerfile');
    assert.equal(clean?.['@_failures'], '0');
    assert.equal(clean?.testcase.length, 1);
    const failures = suites.reduce((sum, s) => sum + Number(s['@_failures']), 0);
    assert.ok(failures >= 3);
    assert.equal(parsed.testsuites['@_failures'], String(failures));
    assert.equal(XMLValidator.validate(formatJunit([syntheticFile()], context)), true);
  });

  it('--output writes the report to a file, creating its folder', () => {
    const output = path.join(folder, 'reports', 'dockhand.sarif');
    const result = run(['lint', '--format', 'sarif', '--output', output, 'Dockerfile'], { cwd: folder });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal((JSON.parse(fs.readFileSync(output, 'utf8')) as { version: string }).version, '2.1.0');
  });

  it('stylish colours only when asked or on a terminal', () => {
    const escape = '\u001b[';
    assert.ok(!run(['lint', 'Dockerfile'], { cwd: folder }).stdout.includes(escape));
    assert.ok(run(['lint', '--color', 'Dockerfile'], { cwd: folder }).stdout.includes(`${escape}33mwarning`));
  });
});

function parseXml(xml: string): unknown {
  return new XMLParser({ ignoreAttributes: false, htmlEntities: true, isArray: (name) => ['file', 'error', 'testsuite', 'testcase'].includes(name) }).parse(xml);
}

function findMessage(output: string, rule: string): string {
  const line = output.split('\n').find((l) => l.includes(`title=${rule}::`));
  return line?.slice(line.indexOf('::', 2) + 2) ?? '';
}
