import * as z from 'zod';

export const currentConfigVersion = 1;

const profileName = z
  .string()
  .min(1, 'a profile needs a name')
  .max(64, 'a profile name has at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'a profile name uses letters, digits, dot, dash and underscore only');

const baseURL = z.url({ protocol: /^https?$/, error: 'the base URL must be an http:// or https:// URL' });

export const profileSchema = z.object({
  name: profileName,
  baseURL,
  apiKey: z.string().min(1).optional(),
  refreshSeconds: z.number().int().min(1).max(3600).optional(),
  completionWindows: z
    .array(z.string().regex(/^\d+[hd]$/, "a completion window looks like '24h' or '7d'"))
    .min(1)
    .optional(),
  /** Limits the validator applies before upload; providers differ (OpenAI 50,000 requests, 200 MB). */
  maxRequests: z.number().int().positive().optional(),
  maxFileBytes: z.number().int().positive().optional(),
});

const notificationsSchema = z.object({ bell: z.boolean(), osc9: z.boolean() });

const configObject = z.object({
  version: z.literal(currentConfigVersion),
  activeProfile: z.string().nullable(),
  profiles: z.array(profileSchema),
  notifications: notificationsSchema.default({ bell: true, osc9: true }),
});

/**
 * The fields this version knows, at each level. Parsing strips every other key, so nothing past
 * the schema reaches the program; the store puts the others back when it writes the file.
 */
export const knownKeys = {
  config: Object.keys(configObject.shape),
  profile: Object.keys(profileSchema.shape),
  notifications: Object.keys(notificationsSchema.shape),
} as const;

export const configSchema = configObject.superRefine((config, ctx) => {
  const seen = new Set<string>();
  config.profiles.forEach((profile, index) => {
    if (seen.has(profile.name))
      ctx.addIssue({
        code: 'custom',
        path: ['profiles', index, 'name'],
        message: `the profile name '${profile.name}' is used twice`,
      });
    seen.add(profile.name);
  });
  if (config.activeProfile !== null && !seen.has(config.activeProfile)) {
    ctx.addIssue({
      code: 'custom',
      path: ['activeProfile'],
      message: `the active profile '${config.activeProfile}' does not exist`,
    });
  }
});

export type Profile = z.infer<typeof profileSchema>;
export type Config = z.infer<typeof configSchema>;

export function emptyConfig(): Config {
  return {
    version: currentConfigVersion,
    activeProfile: null,
    profiles: [],
    notifications: { bell: true, osc9: true },
  };
}
