// OpenAI's eight batch statuses. A module of its own, with no imports, so that the command
// declarations (read at every start of the bin) can name them without loading the schemas.

export const ACTIVE_STATUSES: readonly string[] = ['validating', 'in_progress', 'finalizing', 'cancelling'];
export const TERMINAL_STATUSES: readonly string[] = ['completed', 'failed', 'expired', 'cancelled'];

/** All eight, in the order a job goes through them. */
export const JOB_STATUSES: readonly string[] = [
  'validating',
  'in_progress',
  'finalizing',
  'completed',
  'failed',
  'expired',
  'cancelling',
  'cancelled',
];
