import { isApiError } from '../../api/index.js';
import type { Services } from '../../core/session.js';
import { keyLabel } from '../keys/keymap.js';

/**
 * The one message for a key the server refused while the console polled: whose key (the header
 * names the host), that polling stopped (no retry storm), and the way out. `tail`, what to press,
 * is never cut from a short row.
 */
export function keyRefusedMessage(
  error: unknown,
  services: Services,
  scope: 'list' | 'detail' = 'list',
): { text: string; tail: string } {
  const { connection } = services;
  const whose =
    connection.keySource === 'env'
      ? 'The key in FIZZ_API_KEY was'
      : connection.profile
        ? `The key of profile "${connection.profile.name}" was`
        : connection.keySource === 'none'
          ? 'A request without a key was'
          : 'The key was';
  const status = isApiError(error) && error.status !== undefined ? ` (${error.status})` : '';
  return {
    text: `✗ ${whose} refused${status}: polling stopped.`,
    tail: ` ${keyLabel('profiles', scope)} profiles to fix it · ${keyLabel('refresh', scope)} tries again`,
  };
}
