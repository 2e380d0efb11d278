/** The config file cannot be used as it is. The file is left untouched for the user to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}
