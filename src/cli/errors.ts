/** A mistake in how the command was called: exit code 2, message without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const ExitCode = {
  ok: 0,
  runtime: 1,
  usage: 2,
  validation: 3,
} as const;
