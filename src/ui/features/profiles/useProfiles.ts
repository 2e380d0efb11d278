import { useCallback, useEffect, useRef, useState } from 'react';
import { plainHttpKeyWarning, redact } from '../../../api/index.js';
import { hostOf, type Profile } from '../../../config/index.js';
import type { Services } from '../../../core/session.js';
import { errorMessage } from '../../format/errors.js';
import { useApp } from '../../state/services-context.js';
import { keyLabel } from '../../keys/keymap.js';

export type ConnectionTest =
  | { status: 'idle' }
  | { status: 'running'; target: string }
  | { status: 'ok'; target: string; models: number }
  | { status: 'failed'; target: string; message: string };

/**
 * "Test connection": GET /v1/models with a profile's base URL and key, through the session. Only
 * the newest test counts: a result that arrives after `reset` (the fields changed) or after a
 * newer test started is dropped, and so is one that arrives after the screen closed.
 */
export function useConnectionTest(): {
  test: ConnectionTest;
  run: (target: string, profile: Pick<Profile, 'baseURL' | 'apiKey'>) => void;
  reset: () => void;
} {
  const { session } = useApp();
  const [test, setTest] = useState<ConnectionTest>({ status: 'idle' });
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current += 1;
    },
    [],
  );

  const run = useCallback(
    (target: string, profile: Pick<Profile, 'baseURL' | 'apiKey'>) => {
      const mine = ++generation.current;
      setTest({ status: 'running', target });
      void session.testProfile(profile).then((result) => {
        if (mine !== generation.current) return;
        if (result.ok) setTest({ status: 'ok', target, models: result.models });
        // The key typed into the form is not registered with the client yet: scrub it here too.
        else setTest({ status: 'failed', target, message: redact(errorMessage(result.error), [profile.apiKey]) });
      });
    },
    [session],
  );

  const reset = useCallback(() => {
    generation.current += 1;
    setTest({ status: 'idle' });
  }, []);

  return { test, run, reset };
}

/**
 * Why the connection in use is not simply "the active profile": flags and FIZZ_* variables win
 * over it (flags > environment > active profile), and a key is never sent to another host.
 */
export function connectionNotes(services: Services | null, activeProfile: string | null): string[] {
  if (!services) return [];
  const { connection } = services;
  const notes: string[] = [];
  if (services.label === 'demo')
    notes.push('Demo: the console is on the built-in server; profiles added here are not saved.');
  else if (connection.baseURLSource === 'flag')
    notes.push(
      `--base-url is set: it overrides the active profile's base URL (${keyLabel('activate', 'profiles')} on a profile uses the profile instead).`,
    );
  else if (connection.baseURLSource === 'env')
    notes.push("FIZZ_BASE_URL is set: it overrides the active profile's base URL.");
  const host = hostOf(connection.baseURL);
  if (connection.keySource === 'env') {
    notes.push(
      connection.profile
        ? `FIZZ_API_KEY is sent to ${host}: profile '${connection.profile.name}' has no key of its own for it.`
        : 'FIZZ_API_KEY is set: the console uses it without a profile.',
    );
  } else if (connection.keySource === 'profile' && connection.envKeySet && connection.profile) {
    notes.push(
      `FIZZ_API_KEY is set, but profile '${connection.profile.name}' has its own key for ${host}: that one is sent.`,
    );
  }
  if (connection.profile && connection.profile.name !== activeProfile) {
    notes.push(
      `Connected with profile '${connection.profile.name}' (from --profile or FIZZ_PROFILE), not the active one.`,
    );
  }
  if (connection.keyWithheldReason) notes.push(`No key sent: ${connection.keyWithheldReason}.`);
  const plainHttp = plainHttpKeyWarning(connection.baseURL, connection.apiKey);
  if (plainHttp) notes.push(plainHttp);
  return notes;
}
