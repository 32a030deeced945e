// Types of schema-validators.generated.js, which scripts/compose-validators.ts writes.
import type { ErrorObject, ValidateFunction } from 'ajv';

/** Validates one service body; its errors' `instancePath`s start with the one given (`/services/web`). */
export interface ServiceValidator {
  (body: unknown, context: { instancePath: string }): boolean;
  errors?: ErrorObject[] | null;
}

/** Stops at the first error: the common case, a valid file, pays for nothing more. Accepts any service body. */
export function quickValidator(): ValidateFunction;

/** Collects every error with the schema and data it concerns (ajv's `allErrors` and `verbose`), to explain them. Accepts any service body. */
export function detailedValidator(): ValidateFunction;

/** As quickValidator, for the body of one service (`#/definitions/service`). */
export function quickServiceValidator(): ServiceValidator;

/** As detailedValidator, for the body of one service (`#/definitions/service`). */
export function detailedServiceValidator(): ServiceValidator;
