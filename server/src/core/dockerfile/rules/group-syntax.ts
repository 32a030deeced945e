import type { DockerfileRule } from '../rule';
import { duplicateDirective } from './duplicate-directive';
import { duplicateFlag } from './duplicate-flag';
import { firstInstructionNotFrom } from './first-instruction-not-from';
import { instructionMissingArguments } from './instruction-missing-arguments';
import { invalidDirective } from './invalid-directive';
import { invalidDuration } from './invalid-duration';
import { invalidFlagValue } from './invalid-flag-value';
import { invalidImageReference } from './invalid-image-reference';
import { invalidMount } from './invalid-mount';
import { invalidPort } from './invalid-port';
import { invalidProtocol } from './invalid-protocol';
import { invalidSignal } from './invalid-signal';
import { invalidVariableSubstitution } from './invalid-variable-substitution';
import { malformedArguments } from './malformed-arguments';
import { malformedExecForm } from './malformed-exec-form';
import { misplacedDirective } from './misplaced-directive';
import { missingFrom } from './missing-from';
import { onbuildDisallowedTrigger } from './onbuild-disallowed-trigger';
import { shellNotJson } from './shell-not-json';
import { trailingComment } from './trailing-comment';
import { unknownFlag } from './unknown-flag';
import { unknownInstruction } from './unknown-instruction';
import { unmatchedQuote } from './unmatched-quote';
import { unterminatedHeredoc } from './unterminated-heredoc';

/** Syntax and validity: what the builder rejects or silently misreads. */
export const syntaxRules: readonly DockerfileRule[] = [
  // Parser directives
  invalidDirective,
  duplicateDirective,
  misplacedDirective,
  // File structure
  missingFrom,
  firstInstructionNotFrom,
  unknownInstruction,
  unterminatedHeredoc,
  // Arguments
  instructionMissingArguments,
  malformedArguments,
  onbuildDisallowedTrigger,
  malformedExecForm,
  trailingComment,
  shellNotJson,
  unmatchedQuote,
  invalidVariableSubstitution,
  invalidImageReference,
  invalidPort,
  invalidProtocol,
  invalidSignal,
  // Flags
  unknownFlag,
  duplicateFlag,
  invalidFlagValue,
  invalidMount,
  invalidDuration,
];
