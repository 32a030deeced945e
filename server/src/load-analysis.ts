import type * as Analysis from './analysis';

let loaded: typeof Analysis | undefined;

/**
 * The analysis core, loaded on the first call. Evaluating it (and compiling
 * its bundle) is most of the server's startup time, and `initialize` needs
 * none of it; the server calls this once initialized, and wherever it needs
 * the core. Server files import the core's values only through here (an
 * ESLint rule says so), so that esbuild keeps them out of dist/server.js.
 */
export function loadAnalysis(): typeof Analysis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load is the point; esbuild maps it to ./server-analysis.js
  loaded ??= require('./analysis') as typeof Analysis;
  return loaded;
}
