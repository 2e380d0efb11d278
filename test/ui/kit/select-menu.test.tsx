import { Box, Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyConfig } from '../../../src/config/index.js';
import { Session } from '../../../src/core/session.js';
import { SetupScreen } from '../../../src/ui/features/profiles/SetupScreen.js';
import { ConfirmDialog } from '../../../src/ui/kit/ConfirmDialog.js';
import { SelectMenu } from '../../../src/ui/kit/SelectMenu.js';
import { footerBindings, helpBindings } from '../../../src/ui/keys/keymap.js';
import { fakeSession, keys, renderUi } from '../../support/ui.js';

const sessions: Session[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

function setup() {
  const session = new Session({ store: null, config: emptyConfig(), flags: {}, env: {} });
  sessions.push(session);
  session.connect();
  return renderUi(<SetupScreen />, { session, body: { width: 100, height: 24 }, scope: 'profiles', footer: true });
}

describe('SelectMenu: the list of a pick-one field', () => {
  it('space opens the provider list in the footer’s terms; ↓↓⏎ typed in one chunk takes the row two down', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    await ui.press(keys.tab);
    let frame = await ui.waitForFrame('› Provider');
    expect(frame).toContain('space (a list) picks a provider');
    await ui.press(' ');
    frame = await ui.waitForFrame('▸ fizz.ai ✓');
    for (const label of ['OpenAI', 'Groq', 'DeepInfra', 'Nebius', 'Custom'])
      expect(frame).toMatch(new RegExp(`^\\s+${label}$`, 'm'));
    // The footer offers the list's keys, not the form's.
    expect(frame).toMatch(/↑↓\/jk choose .*enter take .*esc keep/);
    expect(frame).not.toContain('Save and connect');
    await ui.press(keys.down + keys.down + keys.enter); // one chunk, as over SSH
    frame = await ui.waitForFrame('[Groq]');
    expect(frame).toContain('https://api.groq.com/openai/v1');
    expect(frame).toMatch(/› Name\s+groq|Name\s+groq/);
    expect(frame).toContain('Save and connect');
  });

  it('jk move round the list, esc closes it keeping the choice there was', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    await ui.press(keys.tab);
    await ui.press(' ');
    await ui.waitForFrame('▸ fizz.ai ✓');
    await ui.press('k'); // round to the last
    await ui.waitForFrame('▸ Custom');
    await ui.press('jj');
    await ui.waitForFrame('▸ OpenAI');
    await ui.press(keys.escape);
    const frame = await ui.waitForFrame('Save and connect');
    expect(frame).toContain('[fizz.ai]');
    expect(frame).toContain('› Provider');
  });

  it('takes no keys under a question opened over it', async () => {
    const chosen: string[] = [];
    let ask = () => {};
    function Harness() {
      const [asking, setAsking] = useState(false);
      ask = () => setAsking(true);
      return (
        <Box flexDirection="column">
          <SelectMenu
            choices={['24h', '48h', '7d'].map((w) => ({ value: w, label: w }))}
            value="24h"
            height={5}
            width={40}
            onChoose={(v) => chosen.push(v)}
            onClose={() => chosen.push('closed')}
          />
          {asking ? (
            <ConfirmDialog
              title="Sure? y/N"
              width={40}
              yes="go"
              onConfirm={() => {}}
              onClose={() => setAsking(false)}
            />
          ) : null}
          <Text>asking={String(asking)}</Text>
        </Box>
      );
    }
    const ui = renderUi(<Harness />, { session: fakeSession({}), footer: true });
    await ui.waitForFrame('▸ 24h');
    ask();
    await ui.waitForFrame('Sure? y/N');
    await ui.press('j');
    await ui.press(keys.enter); // the question's: it closes, choosing nothing
    await ui.waitForFrame('asking=false');
    expect(ui.frame()).toContain('▸ 24h');
    expect(chosen).toEqual([]);
    await ui.press('j'); // the list has the keys again
    await ui.waitForFrame('▸ 48h');
    await ui.press(keys.enter);
    expect(chosen).toEqual(['48h']);
    expect(footerBindings('menu').map((b) => b.command)).toEqual(['down', 'choose', 'back', 'forceQuit']);
    expect(helpBindings('menu').own.map((b) => b.command)).toEqual([
      'down',
      'up',
      'top',
      'bottom',
      'choose',
      'back',
      'forceQuit',
    ]);
    expect(helpBindings('form').own.map((b) => b.command)).toContain('openMenu');
  });
});
