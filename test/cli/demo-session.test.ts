import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/cli/console-session.js';
import type { Session } from '../../src/core/session.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the demo session', () => {
  let server: TestServer | undefined;
  let session: Session | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.close();
  });

  it('deleting the profile in use goes back to the demo server, not to setup', async () => {
    server = await startTestServer();
    const demo = await startTestServer();
    try {
      const opened = openSession({ flags: {}, env: {}, demo: { baseURL: demo.url } });
      if (!opened.ok) throw new Error(opened.message);
      session = opened.session;
      expect(session.getState().services?.connection.baseURL).toBe(demo.url);

      expect(session.saveProfile({ name: 'mine', baseURL: server.url })).toBe(true);
      session.useProfile('mine');
      expect(session.getState().services?.connection.baseURL).toBe(server.url);

      expect(session.deleteProfile('mine')).toBe(true);
      const { services, config } = session.getState();
      expect(services?.connection.baseURL).toBe(demo.url); // null would be the setup screen
      expect(services?.label).toBe('demo');
      expect(config.profiles).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});
