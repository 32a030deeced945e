import type { DockerfileRule } from '../rule';

/** Syntax and validity: what the builder rejects or silently misreads. */
export const syntaxRules: readonly DockerfileRule[] = [];
