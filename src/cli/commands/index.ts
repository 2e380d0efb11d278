import type { CommandSpec } from '../framework/spec.js';
import { accountCommands } from './specs-account.js';
import { jobsCommands } from './specs-jobs.js';
import { localCommands } from './specs-local.js';

/**
 * Every command beside the console (which runs with no command). Each is declared once (in the
 * specs-*.ts beside this file); its parser, help, usage line and completion come from the
 * declaration. The scriptable ones print data on stdout (a table for people, tab-separated when
 * piped, or one JSON document with --json) and messages on stderr, with exit codes 0 / 1 / 2 / 3.
 */
export const commands: readonly CommandSpec[] = [...jobsCommands, ...accountCommands, ...localCommands];
