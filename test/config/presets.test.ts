import { describe, expect, it } from 'vitest';
import { modelsPerFileOf } from '../../src/config/index.js';

describe('modelsPerFileOf: what a provider takes in one batch file, by its host', () => {
  it('fizz.ai several, OpenAI one, any other host unknown', () => {
    expect(modelsPerFileOf('https://api.fizz.ai/v1')).toBe('several');
    expect(modelsPerFileOf('https://API.OPENAI.COM/v1/')).toBe('one');
    expect(modelsPerFileOf('https://api.groq.com/openai/v1')).toBe('unknown');
    expect(modelsPerFileOf('http://127.0.0.1:8080/v1')).toBe('unknown');
    expect(modelsPerFileOf('not a url')).toBe('unknown');
  });

  it('goes by the host alone: a look-alike host is not the provider', () => {
    expect(modelsPerFileOf('https://api.openai.com.evil.example/v1')).toBe('unknown');
    expect(modelsPerFileOf('https://evil.example/api.openai.com/v1')).toBe('unknown');
  });
});
