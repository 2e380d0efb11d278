export { ConfigError } from './errors.js';
export { defaultBaseURL, modelsPerFileOf, providerPresets, type ProviderPreset } from './presets.js';
export { configSchema, emptyConfig, profileSchema, type Config, type Profile } from './schema.js';
export { ConfigStore, openConfig, type ConfigStoreOptions, type UpdateResult } from './store.js';
export { activateProfile, deleteProfile, putProfile, type ConfigChange } from './profile-changes.js';
export {
  resolveConnection,
  unknownProfile,
  hostOf,
  defaultRefreshSeconds,
  type Connection,
  type ConnectionEnv,
  type ConnectionFlags,
  type ResolveResult,
} from './resolve.js';
export { defaultStateDir, StateStore, type RememberedPlaces } from './app-state.js';
export { appDir, type AppDirEnvironment } from './app-dirs.js';
