import { clearSchemaCache } from './compose/schema';
import { clearShellParseCache } from './dockerfile/shell';

/**
 * Forgets what the core remembers across analyses (parsed RUN scripts by
 * source text, kept so that the editor re-parses only the RUN being typed;
 * compose services' schema errors by value, likewise).
 * Results do not change; the next analysis of any text is as slow as the first.
 * Benchmarks call this to measure cold, per-file analysis.
 */
export function clearCrossDocumentCaches(): void {
  clearShellParseCache();
  clearSchemaCache();
}
