import { describe, expect, it } from 'vitest';
import { colorTheme, type Theme } from '../../src/ui/theme/theme.js';

/**
 * Every colour token must read on the backgrounds users actually have. A named ANSI colour is
 * drawn in the terminal theme's own shade, so it is looked up in that theme's palette; a
 * 256-colour index is the same everywhere (themes remap the 16, not the table).
 *
 * The bar is 3:1, WCAG's minimum for large text and for the parts of an interface one must see
 * (1.4.3, 1.4.11): the tokens colour status words, marks, hints and bars, always beside a word or
 * symbol that says the same, never the body text, which is the terminal's own foreground. 4.5:1
 * cannot be the bar: no single grey reaches it on both white and #002b36 (the best reaches 3.9:1),
 * and Solarized Dark's own body text is 4.75:1.
 */
const minimum = 3;

type Palette = Record<string, string>;

/** Solarized Dark as terminals ship it (Ethan Schoonover's table): "bright black" is base03, the background. */
const solarizedDark: Palette = {
  black: '#073642',
  red: '#dc322f',
  green: '#859900',
  yellow: '#b58900',
  blue: '#268bd2',
  magenta: '#d33682',
  cyan: '#2aa198',
  white: '#eee8d5',
  blackBright: '#002b36',
  redBright: '#cb4b16',
  greenBright: '#586e75',
  yellowBright: '#657b83',
  blueBright: '#839496',
  magentaBright: '#6c71c4',
  cyanBright: '#93a1a1',
  whiteBright: '#fdf6e3',
};

/** Tango, GNOME Terminal's default palette, on white: the common light terminal on Linux. */
const tango: Palette = {
  black: '#000000',
  red: '#cc0000',
  green: '#4e9a06',
  yellow: '#c4a000',
  blue: '#3465a4',
  magenta: '#75507b',
  cyan: '#06989a',
  white: '#d3d7cf',
  blackBright: '#555753',
  redBright: '#ef2929',
  greenBright: '#8ae234',
  yellowBright: '#fce94f',
  blueBright: '#729fcf',
  magentaBright: '#ad7fa8',
  cyanBright: '#34e2e2',
  whiteBright: '#eeeeec',
};

const terminals = [
  { name: 'Solarized Dark (base03)', palette: solarizedDark, background: '#002b36' },
  { name: 'Solarized Dark (base02, highlighted lines)', palette: solarizedDark, background: '#073642' },
  { name: 'a light terminal (Tango on white)', palette: tango, background: '#ffffff' },
];

/** The xterm 256-colour table beyond the 16: a 6×6×6 cube, then 24 greys. */
function ansi256(index: number): string {
  if (index >= 232) {
    const level = 8 + 10 * (index - 232);
    return hex(level, level, level);
  }
  const steps = [0, 95, 135, 175, 215, 255];
  const cube = index - 16;
  return hex(steps[Math.floor(cube / 36)]!, steps[Math.floor(cube / 6) % 6]!, steps[cube % 6]!);
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function rgbOf(color: string, palette: Palette): string {
  const indexed = /^ansi256\((\d+)\)$/.exec(color);
  if (indexed) {
    const index = Number(indexed[1]);
    if (index < 16) throw new Error(`ansi256(${index}) is a themed colour: name it instead`);
    return ansi256(index);
  }
  const named = palette[color === 'gray' || color === 'grey' ? 'blackBright' : color];
  if (!named) throw new Error(`no colour named ${color} in the palette`);
  return named;
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(color: string): number {
  const channels = [1, 3, 5]
    .map((at) => parseInt(color.slice(at, at + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * channels[0]! + 0.7152 * channels[1]! + 0.0722 * channels[2]!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const tokens = (Object.entries(colorTheme) as Array<[keyof Theme, Theme[keyof Theme]]>).filter(
  (entry): entry is [keyof Theme, string] => typeof entry[1] === 'string',
);

describe('the colour theme on common terminal backgrounds', () => {
  it('the contrast arithmetic is WCAG’s', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast(rgbOf('gray', solarizedDark), '#002b36')).toBe(1); // why gray had to go
  });

  it.each(terminals)('every token reads at 3:1 or better on $name', ({ palette, background }) => {
    expect(tokens.length).toBeGreaterThanOrEqual(10);
    const failing = tokens
      .map(([token, color]) => ({
        token,
        color,
        ratio: Math.round(contrast(rgbOf(color, palette), background) * 100) / 100,
      }))
      .filter(({ ratio }) => ratio < minimum);
    expect(failing).toEqual([]);
  });
});
