import type { Tone } from '../theme/theme.js';

/** How a notice reads: one of the theme's semantic tokens (src/ui/theme/theme.ts), never a colour. */
export type NoticeTone = Extract<Tone, 'muted' | 'info' | 'success' | 'warning' | 'danger'>;

/**
 * A one-line message to the user (news after a key, why something did not work, where a list
 * is) and its tone. Every screen's notices have this shape, and NoticeLine draws them; the
 * services' own notices (new batch, results) are this shape too, with fewer tones.
 */
export interface Notice {
  text: string;
  tone: NoticeTone;
}
