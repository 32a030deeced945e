// Compose analysis speed and quality on the shared corpus: `node --import tsx bench/compose.ts`
// (or `npm run bench`). Prints the ratios, exits 1 when a target is missed.
//
// In one run over every file of ../shared/corpus/compose: the bare `yaml` parse,
// dclint's linting API (which reads the files itself), and Dockhand's full compose
// analysis with every rule on (model, schema, rules, project view). Dockhand reads
// the files beside each document (.env, Dockerfiles, override files) through an
// in-memory copy of the corpus folder, as an editor with warm caches would.
// Then the quality bars: no exception, an alias-heavy file analysed in full, and
// the deliberately wrong fixtures flagged for what is wrong with them.
import * as path from 'node:path';
import { DCLinter } from 'dclint';
import { parseAllDocuments } from 'yaml';
import type { FileAccess, Finding } from '../server/src/core';
import { type Check, corpusFiles, corpusRoot, measure, ms, printChecks } from './common';

/** Files that are wrong on purpose, and the rule that must say so. */
const wrongOnPurpose: Record<string, string> = {
  'docker__compose__pkg__e2e__fixtures__wrong-composefile__compose.yaml': 'schema-violation',
  'docker__compose__pkg__e2e__fixtures__wrong-composefile__build-error.yml': 'missing-build-context',
  'docker__compose__pkg__e2e__fixtures__wrong-composefile__unknown-image.yml': 'untagged-service-image',
  'docker__compose__pkg__e2e__testdata__TestLocalComposeConfigNoConsistency__compose.yaml': 'missing-image-and-build',
  'docker__compose__pkg__e2e__testdata__TestUpWithDependencyExit__compose.yaml': 'healthy-condition-without-healthcheck',
  'jessfraz__dockerfiles__openvpn__docker-compose.yml': 'schema-violation',
};

/** Like getsentry/self-hosted's compose file: over 100 aliases, which the yaml library's toJS() refuses by default. */
function aliasHeavyFile(): string {
  const workers = Array.from({ length: 71 }, (_, i) => `  worker-${i}:\n    <<: [*restart_policy, *depends_on_default]\n    image: getsentry/sentry:24.10.0\n    environment: *sentry_env`);
  return `x-restart: &restart_policy\n  restart: unless-stopped\nx-depends: &depends_on_default\n  depends_on:\n    - redis\nx-env: &sentry_env\n  SENTRY_CONF: /etc/sentry\nservices:\n  redis:\n    image: redis:7.4\n${workers.join('\n')}\n`;
}

function quiet<T>(run: () => T): T {
  // dclint reports through console; keep the benchmark output readable.
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const none = (): void => undefined;
  Object.assign(console, { log: none, info: none, warn: none, error: none, debug: none });
  try {
    return run();
  } finally {
    Object.assign(console, saved);
  }
}

export async function benchCompose(): Promise<boolean | undefined> {
  const corpus = corpusFiles('compose');
  if (!corpus) {
    console.log('compose bench: ../shared/corpus/compose is absent, skipped');
    return undefined;
  }
  const folder = path.join(corpusRoot, 'compose').replace(/\\/g, '/');
  const files = corpus.filter((f) => /\.ya?ml$/i.test(f.name)).map((f) => ({ ...f, path: `${folder}/${f.name}` }));

  const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  const paths = files.map((f) => f.path);
  const peer = measure(() => quiet(() => linter.lintFiles(paths, false)), { rounds: 3, warmup: 2 });

  const { allRules, analyzeText } = await import('../server/src/core');
  const settings = { rules: Object.fromEntries(allRules.filter((r) => r.language === 'compose').map((r) => [r.id, r.defaultSeverity])) };
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const names = files.map((f) => f.name);
  const neighbours: FileAccess = { readFile: (p) => texts.get(p), listDirectory: (p) => (p === folder ? names : undefined) };
  const analyze = (file: { path: string; text: string }): Finding[] => analyzeText('compose', file.text, settings, { files: neighbours, path: file.path }).findings;

  // The bare parse and the full analysis of each file back to back, so that the load of a
  // shared machine weighs on both alike; the ratio is the median over the rounds.
  const rounds = 9;
  const ratios: number[] = [];
  let parse = Number.POSITIVE_INFINITY;
  let dockhand = Number.POSITIVE_INFINITY;
  for (let round = -2; round < rounds; round++) {
    let parseRound = 0;
    let dockhandRound = 0;
    for (const file of files) {
      const a = process.hrtime.bigint();
      parseAllDocuments(file.text);
      const b = process.hrtime.bigint();
      analyze(file);
      const c = process.hrtime.bigint();
      parseRound += Number(b - a) / 1e6;
      dockhandRound += Number(c - b) / 1e6;
    }
    if (round < 0) continue;
    ratios.push(dockhandRound / parseRound);
    parse = Math.min(parse, parseRound);
    dockhand = Math.min(dockhand, dockhandRound);
  }
  ratios.sort((x, y) => x - y);
  const overParse = ratios[Math.floor(ratios.length / 2)]!;

  const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
  const perFile = (total: number): string => `${((total * 1000) / files.length).toFixed(0)} µs/file`;
  console.log(`Compose files: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${Object.keys(settings.rules).length} rules`);
  console.log(`  bare yaml parse          ${ms(parse)}  (${perFile(parse)})`);
  console.log(`  dclint lintFiles()       ${ms(peer)}  (${perFile(peer)})`);
  console.log(`  Dockhand full analysis   ${ms(dockhand)}  (${perFile(dockhand)})`);

  const counts = new Map<string, number>();
  let crashes = 0;
  for (const file of files) {
    try {
      for (const finding of analyze(file)) {
        counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
        if (finding.rule === 'internal-error') crashes++;
      }
    } catch (error) {
      crashes++;
      console.log(`  exception on ${file.name}: ${String(error)}`);
    }
  }
  console.log('  findings per rule:');
  for (const [rule, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`    ${String(count).padStart(5)}  ${rule}`);

  const sentryLike = aliasHeavyFile();
  const aliases = (sentryLike.match(/\*\w+/g) ?? []).length;
  const sentryFindings = analyzeText('compose', sentryLike, settings).findings;
  const sentryOk = !sentryFindings.some((f) => f.rule === 'yaml-syntax' || f.rule === 'internal-error');

  const missed: string[] = [];
  for (const [name, rule] of Object.entries(wrongOnPurpose)) {
    const file = files.find((f) => f.name === name);
    if (!file) continue;
    const finding = analyze(file).find((f) => f.rule === rule);
    if (finding) console.log(`  wrong on purpose: ${name} → ${rule}: ${finding.message}`);
    else missed.push(`${name} (${rule})`);
  }

  return printChecks('Compose targets', [
    { name: 'full analysis vs dclint', ok: peer >= 25 * dockhand, detail: `${(peer / dockhand).toFixed(1)}x faster (target >= 25)` },
    { name: 'full analysis vs bare yaml parse', ok: overParse <= 3, detail: `${overParse.toFixed(2)}x, median of ${rounds} rounds (target <= 3)` },
    { name: 'no exception on the corpus', ok: crashes === 0, detail: `${crashes} exceptions or internal errors` },
    { name: 'alias-heavy file analysed', ok: sentryOk, detail: `${aliases} aliases, ${sentryFindings.length} findings` },
    { name: 'wrong fixtures flagged', ok: missed.length === 0, detail: missed.length === 0 ? `${Object.keys(wrongOnPurpose).length} of ${Object.keys(wrongOnPurpose).length}` : `missed ${missed.join(', ')}` },
  ] satisfies Check[]);
}

if (require.main === module) {
  void benchCompose().then((ok) => {
    if (ok === false) process.exitCode = 1;
  });
}
