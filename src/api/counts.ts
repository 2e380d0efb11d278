// Counts in sentences, the same everywhere: "50,000 requests", "1 request".

// Made on first use: building an ICU formatter costs milliseconds a one-call command need not pay.
let grouped: Intl.NumberFormat | undefined;

/** Past this, digits stop telling anything (and no longer fit a cell): 1.2e+18 instead. */
const countDigitsLimit = 1e15;

/** A count as given (negative and fractional too), grouped (50000 → "50,000"); absurdly large ones in exponent form. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n === 0) return '0'; // also -0, which Intl writes as "-0"
  return Math.abs(n) >= countDigitsLimit ? n.toExponential(1) : (grouped ??= new Intl.NumberFormat('en-US')).format(n);
}

export interface PluralOptions {
  /** The count grouped as formatCount writes it ("50,000"); otherwise as a plain number. */
  grouped?: boolean;
  /** The plural when it is not the word and an s: 'entries' for 'entry'. */
  plural?: string;
}

/** "1 request", "3 requests": a count and its word, in the plural unless the count is one. */
export function plural(n: number, word: string, options: PluralOptions = {}): string {
  return `${options.grouped ? formatCount(n) : String(n)} ${pluralWord(n, word, options.plural)}`;
}

/** The word alone, for a sentence that writes its count apart: "request" for 1, "requests" otherwise. */
export function pluralWord(n: number, word: string, pluralForm = `${word}s`): string {
  return n === 1 ? word : pluralForm;
}
