/**
 * Errors a user can act on. The CLI prints their message as one line and exits with `exitCode`;
 * anything else is a bug and is printed with its stack.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A bad flag, value or argument: exit code 2, as shells expect for usage errors. */
export class UsageError extends UserError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, 2);
  }
}
