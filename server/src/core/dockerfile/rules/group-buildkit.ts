import type { DockerfileRule } from '../rule';
import { constantPlatformFlag } from './constant-platform-flag';
import { duplicateStageName } from './duplicate-stage-name';
import { emptyContinuationLine } from './empty-continuation-line';
import { exposeHostPort } from './expose-host-port';
import { fromAsCasingMismatch } from './from-as-casing-mismatch';
import { inconsistentInstructionCasing } from './inconsistent-instruction-casing';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { legacyKeyValueFormat } from './legacy-key-value-format';
import { maintainerDeprecated } from './maintainer-deprecated';
import { overriddenInstruction } from './overridden-instruction';
import { redundantTargetPlatform } from './redundant-target-platform';
import { relativeWorkdir } from './relative-workdir';
import { reservedStageName } from './reserved-stage-name';
import { secretInArgOrEnv } from './secret-in-arg-or-env';
import { shellFormCommand } from './shell-form-command';
import { undefinedArgInFrom } from './undefined-arg-in-from';
import { uppercaseExposeProtocol } from './uppercase-expose-protocol';
import { uppercaseStageName } from './uppercase-stage-name';

/** BuildKit's documented build checks (`docker build --check`), offline. */
export const buildkitRules: readonly DockerfileRule[] = [
  shellFormCommand,
  maintainerDeprecated,
  uppercaseStageName,
  fromAsCasingMismatch,
  emptyContinuationLine,
  inconsistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  undefinedArgInFrom,
  relativeWorkdir,
  overriddenInstruction,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretInArgOrEnv,
  invalidDefaultArgInFrom,
  constantPlatformFlag,
  uppercaseExposeProtocol,
  exposeHostPort,
];
