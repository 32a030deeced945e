// Bundles the three entry points. The output paths are a contract: editors run
// `node dist/server.js --stdio`, CI runs `dist/cli.js`, VS Code loads `dist/extension.js`.
import * as esbuild from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * Bundles the `yaml` package's browser build, the same code as its Node build
 * without the debug switches: the Node build reads `process.env.LOG_TOKENS`
 * for every token it parses, a call into the C++ environment each time,
 * about a fifth of the time it takes to parse a compose file.
 * @type {esbuild.Plugin}
 */
const yamlBrowserBuild = {
  name: 'yaml-browser-build',
  setup(build) {
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('yaml/package.json'));
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: path.join(packageDir, 'browser', 'index.js') }));
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { DOCKHAND_VERSION: JSON.stringify(version) },
  plugins: [yamlBrowserBuild],
};

const shebang = { js: '#!/usr/bin/env node' };

/**
 * The server answers `initialize` before it loads the analysis core
 * (server/src/load-analysis.ts), so the core is a bundle of its own:
 * dist/server.js requires ./server-analysis.js on first use.
 * @type {esbuild.Plugin}
 */
const analysisApart = {
  name: 'analysis-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/analysis$/ }, (args) => (args.importer.endsWith('load-analysis.ts') ? { path: './server-analysis.js', external: true } : undefined));
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: shebang, plugins: [yamlBrowserBuild, analysisApart] },
  { ...common, entryPoints: ['server/src/analysis.ts'], outfile: 'dist/server-analysis.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: shebang },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  await Promise.all(['dist/server.js', 'dist/cli.js'].map((file) => chmod(file, 0o755)));
}
