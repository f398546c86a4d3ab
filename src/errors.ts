/**
 * Coded errors: every failure a user can cause has a code and the context needed to explain it.
 * Adapters turn codes into user-facing text; the core never formats platform messages.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'case_not_found'
  | 'invalid_transition'
  | 'not_allowed'
  | 'channel_not_configured';

export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;
}

export class ValidationFailedError extends CodedError {
  readonly code = 'validation_failed';
  constructor(readonly problems: string[]) {
    super(`Invalid input: ${problems.join('; ')}`);
  }
}

export class CaseNotFoundError extends CodedError {
  readonly code = 'case_not_found';
  constructor(readonly caseKey: string) {
    super(`No case ${caseKey}`);
  }
}

export class InvalidTransitionError extends CodedError {
  readonly code = 'invalid_transition';
  constructor(
    readonly caseKey: string,
    readonly from: string,
    readonly to: string,
    readonly allowed: readonly string[],
  ) {
    super(`${caseKey} cannot move from ${from} to ${to}`);
  }
}

export class NotAllowedError extends CodedError {
  readonly code = 'not_allowed';
  constructor(readonly action: string) {
    super(`Not allowed: ${action}`);
  }
}

export class ChannelNotConfiguredError extends CodedError {
  readonly code = 'channel_not_configured';
  constructor(readonly channel: string) {
    super(`Channel ${channel} is not configured for tugi`);
  }
}

/** Anything thrown that is not a CodedError is an internal error and stays unexplained to users. */
export function asCodedError(error: unknown): CodedError | undefined {
  return error instanceof CodedError ? error : undefined;
}

/** MongoDB's duplicate-key error, the signal that a unique index refused a second copy. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
