// Imported first by extension.ts: this line runs before the language client
// library in the bundle is evaluated, so activation timing includes loading it.

/** performance.now() when the extension's bundle started evaluating. */
export const bundleEvaluationStarted = performance.now();
