// What the server loads on first use rather than at startup: the analysis core
// (parsers, rules, data tables). It is bundled apart, as dist/server-analysis.js,
// and reached only through `loadAnalysis()` in load-analysis.ts.
export { allRules, analyzeText, clearCrossDocumentCaches, LanguageService } from './core';
export { effectiveCommandLine } from './core/dockerfile/state';
export { finishShellcheckFindings, shellcheckFindings, shellcheckScripts } from './core/dockerfile/shellcheck';
