/** Providers offered when adding a profile. The base URL always ends in the API's version path. */
export interface ProviderPreset {
  id: string;
  label: string;
  baseURL: string;
  /**
   * Models one batch file may use, where the provider says: OpenAI fails a batch whose file names
   * two (`mismatched_model`); fizz.ai's own guide puts three in one file.
   */
  modelsPerFile?: 'one' | 'several';
}

export const defaultBaseURL = 'https://api.fizz.ai/v1';

export const providerPresets: readonly ProviderPreset[] = [
  { id: 'fizz', label: 'fizz.ai', baseURL: defaultBaseURL, modelsPerFile: 'several' },
  { id: 'openai', label: 'OpenAI', baseURL: 'https://api.openai.com/v1', modelsPerFile: 'one' },
  { id: 'groq', label: 'Groq', baseURL: 'https://api.groq.com/openai/v1' },
  { id: 'deepinfra', label: 'DeepInfra', baseURL: 'https://api.deepinfra.com/v1/openai' },
  { id: 'nebius', label: 'Nebius', baseURL: 'https://api.studio.nebius.com/v1' },
  { id: 'custom', label: 'Custom', baseURL: '' },
];

/** What a provider's host takes in one batch file, or 'unknown' for a host no preset knows. */
export function modelsPerFileOf(baseURL: string): 'one' | 'several' | 'unknown' {
  const host = hostname(baseURL);
  const preset = providerPresets.find((p) => p.baseURL !== '' && hostname(p.baseURL) === host);
  return preset?.modelsPerFile ?? 'unknown';
}

function hostname(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
