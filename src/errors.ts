/**
 * Coded errors: every failure a user can cause has a code and the context needed to explain it.
 * Adapters turn codes into user-facing text; the core never formats platform messages.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'case_not_found'
  | 'invalid_transition'
  | 'not_allowed'
  | 'channel_not_configured'
  | 'settings_invalid'
  | 'settings_conflict'
  | 'not_set_up';

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

/** Settings that the schema refuses; each problem names the path it is about, so a form can show it under its field. */
export class SettingsInvalidError extends CodedError {
  readonly code = 'settings_invalid';
  constructor(readonly problems: Array<{ path: string; message: string }>) {
    super(`Settings are not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** Someone else saved the settings since this editor read them. */
export class SettingsConflictError extends CodedError {
  readonly code = 'settings_conflict';
  constructor(readonly workspace: string) {
    super(`Settings of ${workspace} were changed meanwhile`);
  }
}

/** The workspace installed tugi but nobody has chosen its channels yet. */
export class NotSetUpError extends CodedError {
  readonly code = 'not_set_up';
  constructor(readonly workspace: string) {
    super(`Workspace ${workspace} is not set up`);
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
