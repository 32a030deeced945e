import type { DockerfileRule } from '../rule';

/** Security: what Trivy, Checkov and KICS flag, and what the knowledge base warns about. */
export const securityRules: readonly DockerfileRule[] = [];
