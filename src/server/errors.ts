/**
 * The OpenAI error shape and the messages OpenAI uses, shared by the HTTP routes and the simulator
 * (which writes the same bodies into error files). All four keys are always present.
 */

export interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export function invalidRequest(
  status: number,
  message: string,
  param: string | null = null,
  code: string | null = null,
): ApiError {
  return new ApiError(status, { message, type: 'invalid_request_error', param, code });
}

export function missingParameter(param: string): ApiError {
  return invalidRequest(400, `Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function invalidValue(param: string, message: string): ApiError {
  return invalidRequest(400, message, param, 'invalid_value');
}

export function invalidType(param: string, expected: string, value: unknown): ApiError {
  return invalidRequest(
    400,
    `Invalid type for '${param}': expected ${expected}, but got ${describeType(value)} instead.`,
    param,
    'invalid_type',
  );
}

/** "Supported values are: 'a', 'b', and 'c'." as OpenAI words it. */
export function supportedValues(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}

/** The JSON type of a value as OpenAI names it in messages ("an array", "a string"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
