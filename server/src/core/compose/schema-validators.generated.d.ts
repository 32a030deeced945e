// Types of schema-validators.generated.js, which scripts/compose-validators.ts writes.
import type { ValidateFunction } from 'ajv';

/** Stops at the first error: the common case, a valid file, pays for nothing more. */
export function quickValidator(): ValidateFunction;

/** Collects every error with the schema and data it concerns (ajv's `allErrors` and `verbose`), to explain them. */
export function detailedValidator(): ValidateFunction;
