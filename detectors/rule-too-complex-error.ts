import { LagebildError } from '../core/errors.js';
import type { RuleProblem } from '../core/ports/rules-catalog.js';

/** An uploaded rule text that hit a limit of the parser or of the trial (alias bomb, time, memory): refused as a whole. */
export class RuleTooComplexError extends LagebildError {
  constructor(message: string, problems: RuleProblem[]) {
    super('rule_too_complex', message, { status: 400, details: { problems } });
  }
}
