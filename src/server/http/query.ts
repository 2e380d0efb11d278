import { invalidValue, supportedValues } from '../errors.js';

/** Query-string parameters of the list routes, validated with OpenAI-style 400s. */

export function integerParam(url: URL, name: string, min: number, max: number, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw invalidValue(name, `Invalid '${name}': expected an integer, but got '${raw}' instead.`);
  }
  if (value < min) {
    throw invalidValue(
      name,
      `Invalid '${name}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
    );
  }
  if (value > max) {
    throw invalidValue(
      name,
      `Invalid '${name}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
    );
  }
  return value;
}

export function choiceParam<T extends string>(url: URL, name: string, choices: readonly T[], fallback: T): T {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw invalidValue(name, `Invalid value: '${raw}'. Supported values are: ${supportedValues(choices)}.`);
  }
  return raw as T;
}

export function optionalParam(url: URL, name: string): string | null {
  const raw = url.searchParams.get(name);
  return raw === null || raw === '' ? null : raw;
}
