/** Providers offered when adding a profile. The base URL always ends in the API's version path. */
export interface ProviderPreset {
  id: string;
  label: string;
  baseURL: string;
}

export const defaultBaseURL = 'https://api.fizz.ai/v1';

export const providerPresets: readonly ProviderPreset[] = [
  { id: 'fizz', label: 'fizz.ai', baseURL: defaultBaseURL },
  { id: 'openai', label: 'OpenAI', baseURL: 'https://api.openai.com/v1' },
  { id: 'groq', label: 'Groq', baseURL: 'https://api.groq.com/openai/v1' },
  { id: 'deepinfra', label: 'DeepInfra', baseURL: 'https://api.deepinfra.com/v1/openai' },
  { id: 'nebius', label: 'Nebius', baseURL: 'https://api.studio.nebius.com/v1' },
  { id: 'custom', label: 'Custom', baseURL: '' },
];
