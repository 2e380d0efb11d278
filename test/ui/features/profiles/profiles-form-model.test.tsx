import { describe, expect, it } from 'vitest';
import {
  buildProfile,
  choosePreset,
  initialValues,
  keyMovesTo,
  keyToSend,
  presetOf,
} from '../../../../src/ui/features/profiles/ProfileFormModel.js';

describe('profile form model', () => {
  it('knows the preset of a base URL, and Custom for anything else', () => {
    expect(presetOf('https://api.groq.com/openai/v1').label).toBe('Groq');
    expect(presetOf('https://api.groq.com/openai/v1/').label).toBe('Groq');
    expect(presetOf('http://127.0.0.1:8080/v1').label).toBe('Custom');
    expect(presetOf('').label).toBe('Custom');
  });

  it('cycles presets, filling the URL; the name follows until typed', () => {
    let values = initialValues(undefined, 'fizz');
    values = choosePreset(values, 1, true);
    expect(values).toMatchObject({ name: 'openai', baseURL: 'https://api.openai.com/v1' });
    values = choosePreset(values, -1, true);
    values = choosePreset(values, -1, true);
    expect(values).toMatchObject({ name: 'custom', baseURL: '' });
    // A URL typed by hand is kept when Custom comes round again.
    values = { ...values, name: 'mine', baseURL: 'http://10.0.0.2/v1' };
    expect(choosePreset(choosePreset(values, 1, true), -1, true)).toMatchObject({ name: 'mine', baseURL: '' });
    expect(choosePreset(values, 1, true)).toMatchObject({ name: 'mine', baseURL: 'https://api.fizz.ai/v1' });
  });

  it('builds a profile that passes the config schema, keeping fields the form does not show', () => {
    const existing = {
      name: 'work',
      baseURL: 'https://api.fizz.ai/v1',
      apiKey: 'sk-stored-123456789',
      refreshSeconds: 20,
      completionWindows: ['24h'],
    };
    const kept = buildProfile({ ...initialValues(existing), refresh: '' }, { existing, takenNames: [] });
    expect(kept.profile).toEqual({
      name: 'work',
      baseURL: 'https://api.fizz.ai/v1',
      apiKey: 'sk-stored-123456789',
      completionWindows: ['24h'],
    });
    const replaced = buildProfile(
      { ...initialValues(existing), apiKey: 'sk-new-key-000000' },
      { existing, takenNames: [] },
    );
    expect(replaced.profile?.apiKey).toBe('sk-new-key-000000');
    const none = buildProfile(
      { name: 'local', baseURL: ' http://127.0.0.1:9/v1 ', apiKey: '', refresh: '' },
      { takenNames: [] },
    );
    expect(none.profile).toEqual({ name: 'local', baseURL: 'http://127.0.0.1:9/v1' });
  });

  it('names each problem by field', () => {
    const { profile, errors } = buildProfile(
      { name: 'a b', baseURL: 'nope', apiKey: '', refresh: '0' },
      { takenNames: [] },
    );
    expect(profile).toBeNull();
    expect(errors.name).toMatch(/letters, digits/);
    expect(errors.baseURL).toMatch(/http:\/\/ or https:\/\//);
    expect(errors.refresh).toBe('whole seconds, from 1 to 3600');
    expect(
      buildProfile({ name: 'x', baseURL: 'http://h/v1', apiKey: '', refresh: '1.5' }, { takenNames: [] }).errors
        .refresh,
    ).toBe('whole seconds, from 1 to 3600');
    expect(
      buildProfile({ name: 'x', baseURL: 'http://h/v1', apiKey: '', refresh: '' }, { takenNames: ['x'] }).errors.name,
    ).toBe("there is already a profile named 'x'");
    expect(
      buildProfile({ name: '', baseURL: 'http://h/v1', apiKey: '', refresh: '' }, { takenNames: [] }).errors.name,
    ).toBe('a profile needs a name');
  });

  it('removes the stored key when asked, unless a new key is typed', () => {
    const existing = {
      name: 'work',
      baseURL: 'https://api.fizz.ai/v1',
      apiKey: 'sk-stored-123456789',
      refreshSeconds: 20,
    };
    const removing = { ...initialValues(existing), removeStoredKey: true };
    expect(buildProfile(removing, { existing, takenNames: [] }).profile).toEqual({
      name: 'work',
      baseURL: 'https://api.fizz.ai/v1',
      refreshSeconds: 20,
    });
    expect(keyToSend(removing, existing)).toBeUndefined();
    expect(keyToSend({ ...removing, apiKey: 'sk-new-key-000000' }, existing)).toBe('sk-new-key-000000');
    expect(keyToSend(initialValues(existing), existing)).toBe('sk-stored-123456789');
    // A key that is going away is sent nowhere: no warning about a new host.
    expect(keyMovesTo({ ...removing, baseURL: 'https://evil.example/v1' }, existing)).toBeNull();
  });

  it('warns when an edit would send the stored key to another host', () => {
    const existing = { name: 'work', baseURL: 'https://api.fizz.ai/v1', apiKey: 'sk-stored-123456789' };
    expect(keyMovesTo({ ...initialValues(existing), baseURL: 'https://evil.example/v1' }, existing)).toBe(
      'evil.example',
    );
    expect(
      keyMovesTo({ ...initialValues(existing), baseURL: 'https://evil.example/v1', apiKey: 'sk-other-0000' }, existing),
    ).toBeNull();
    expect(keyMovesTo(initialValues(existing), existing)).toBeNull();
  });
});
