import { currentConfigVersion } from './schema.js';

/**
 * Brings a stored config up to the current version. Written by hand rather than with conf's
 * `migrations`, which its maintainer calls buggy. Unknown future versions are refused, not guessed.
 */
export function migrateConfig(raw: unknown): { value: unknown; migrated: boolean } | { error: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { error: 'the file does not hold a JSON object' };
  const record = raw as Record<string, unknown>;
  if (Object.keys(record).length === 0) return { value: undefined, migrated: false };
  const version = record.version;
  if (version === currentConfigVersion) return { value: record, migrated: false };
  if (typeof version === 'number' && version > currentConfigVersion) {
    return {
      error: `it was written by a newer fizz-batch (config version ${version}; this one reads ${currentConfigVersion})`,
    };
  }
  return { error: `its "version" field is ${JSON.stringify(version)}, expected ${currentConfigVersion}` };
}
