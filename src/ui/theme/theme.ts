/**
 * Semantic colour tokens. Views name what a thing is (danger, muted, accent), never a colour, so
 * NO_COLOR and future themes change one table. No truecolor: it often does not survive SSH and
 * tmux. The 16 named ANSI colours follow the user's terminal theme, which is what they are for,
 * except where a common theme makes one unreadable: Solarized Dark draws "gray" (bright black) in
 * its own background colour, and yellow on a white background is barely there in most light
 * palettes. Those tokens take a colour of the fixed 256-colour table instead (themes remap the 16,
 * never the table), chosen to read at 3:1 or better on Solarized Dark and on white; a terminal
 * with 16 colours gets the nearest named one. test/ui/theme-contrast.test.ts holds the proof.
 */
export interface Theme {
  color: boolean;
  text: string | undefined;
  muted: string | undefined;
  accent: string | undefined;
  success: string | undefined;
  warning: string | undefined;
  danger: string | undefined;
  info: string | undefined;
  border: string | undefined;
  selection: string | undefined;
  /** Search matches in the pager; drawn in inverse video too, so they show without colour. */
  match: string | undefined;
  barDone: string | undefined;
  barFailed: string | undefined;
  barTodo: string | undefined;
}

/** A mid grey (#8a8a8a): dim on black and on white, never the background of a dark theme. */
const grey = 'ansi256(245)';
/** Solarized's own yellow, near enough (#af8700): made to read on dark and light backgrounds. */
const amber = 'ansi256(136)';
/** A softened red (#d75f5f): pure red is too dark on Solarized Dark's highlighted lines. */
const coral = 'ansi256(167)';

export const colorTheme: Theme = {
  color: true,
  text: undefined,
  muted: grey,
  accent: 'cyan',
  success: 'green',
  warning: amber,
  danger: coral,
  info: 'blue',
  border: grey,
  selection: 'cyan',
  match: amber,
  barDone: 'green',
  barFailed: coral,
  barTodo: grey,
};

export const monoTheme: Theme = {
  color: false,
  text: undefined,
  muted: undefined,
  accent: undefined,
  success: undefined,
  warning: undefined,
  danger: undefined,
  info: undefined,
  border: undefined,
  selection: undefined,
  match: undefined,
  barDone: undefined,
  barFailed: undefined,
  barTodo: undefined,
};

export type Tone = 'text' | 'muted' | 'accent' | 'success' | 'warning' | 'danger' | 'info';
