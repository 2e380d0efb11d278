/**
 * Semantic colour tokens. Views name what a thing is (danger, muted, accent), never a colour, so
 * NO_COLOR and future themes change one table. Only the 16 named ANSI colours: truecolor often
 * does not survive SSH and tmux.
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

export const colorTheme: Theme = {
  color: true,
  text: undefined,
  muted: 'gray',
  accent: 'cyan',
  success: 'green',
  warning: 'yellow',
  danger: 'red',
  info: 'blue',
  border: 'gray',
  selection: 'cyan',
  match: 'yellow',
  barDone: 'green',
  barFailed: 'red',
  barTodo: 'gray',
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
