// The results pager on a large output file, beside `less` on the same file in the same run (issue 5):
// time to the first page, to the last record, to a string near the end, and peak RSS. Both run in
// a real pty at 120×32; times are from the spawn (first page) or from the key press.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOutputFile, NEEDLE } from './lib/generate.js';
import { cli, mb, peakRss, printTable } from './lib/proc.js';
import { launchProgram } from './lib/pty.js';
import { performance } from 'node:perf_hooks';

const here = fileURLToPath(new URL('.', import.meta.url));

/** custom_id of the line at `index` in a generated file of `lines` lines (see generateOutputFile). */
const customIdAt = (index, lines) => `request-${((index * 7919) % lines) + 1}`;
const shows = (text) => (screen) => new RegExp(`${text}(?![0-9])`).test(screen);

/** What each program is told, and how the bench sees that it has done it. */
const programs = {
  less: {
    start: (file) => ['less', ['-S', file]],
    firstPage: (lines) => shows(`"custom_id":"${customIdAt(0, lines)}"`),
    bottom: { keys: ['G'], done: (lines) => shows(`"custom_id":"${customIdAt(lines - 1, lines)}"`) },
    // less -S scrolls sideways to show the match: the lines' beginnings ({"id":…) leave the screen.
    find: {
      keys: ['/', NEEDLE, '\r'],
      done: () => (screen) => screen.includes('evidence') && !screen.includes('{"id":"batch_req_'),
    },
  },
  'fizz-batch view': {
    start: (file) => [process.execPath, [cli, 'view', file]],
    firstPage: (lines) => shows(customIdAt(0, lines)),
    bottom: { keys: ['G'], done: (lines) => shows(customIdAt(lines - 1, lines)) },
    find: { keys: ['/', NEEDLE, '\r'], done: (lines) => shows(customIdAt(lines - 10, lines)) },
  },
};

async function measureProgram(name, file, lines) {
  const spec = programs[name];
  const [command, args] = spec.start(file);
  const t = launchProgram(command, args, { cols: 120, rows: 32, env: { LESSHISTFILE: '-', LESS: '' } });
  try {
    const first = (await t.waitFor(`${name}: first page`, spec.firstPage(lines), { timeoutMs: 30_000 })) - t.startedAt;
    const timed = async (step, what) => {
      const started = performance.now();
      await t.press(...step.keys);
      return (await t.waitFor(`${name}: ${what}`, step.done(lines), { timeoutMs: 60_000 })) - started;
    };
    const bottom = await timed(spec.bottom, 'last record');
    // The search starts from the top, as a reader coming back to the file would.
    await t.press('g');
    await t.waitFor(`${name}: back at the top`, spec.firstPage(lines));
    const find = await timed(spec.find, 'the string near the end');
    const rss = peakRss(t.pid);
    return { first, bottom, find, rss };
  } finally {
    await t.close();
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** `sizesMb`: the last size is the one compared with less; the others show RSS against file size. */
export async function benchResults({ sizesMb = [50, 200], linesPer200Mb = 50_000 } = {}) {
  const rows = [];
  const results = {};
  for (const size of sizesMb) {
    const lines = Math.round((linesPer200Mb * size) / 200);
    const file = await generateOutputFile(join(here, '.data', `output-${size}mb.jsonl`), {
      lines,
      targetBytes: size * 1024 * 1024,
    });
    const ours = await measureProgram('fizz-batch view', file, lines);
    const theirs = await measureProgram('less', file, lines);
    results[size] = { ours, theirs };
    const ratio = (a, b) => (a / b).toFixed(2);
    rows.push(
      [
        `${size} MB, ${lines.toLocaleString('en')} lines: first page`,
        seconds(ours.first),
        seconds(theirs.first),
        ratio(ours.first, theirs.first),
        '< 1 s',
      ],
      [
        `${size} MB: jump to the last record (G)`,
        seconds(ours.bottom),
        seconds(theirs.bottom),
        ratio(ours.bottom, theirs.bottom),
        '< 2 s',
      ],
      [
        `${size} MB: find "${NEEDLE}" near the end (/ from the top)`,
        seconds(ours.find),
        seconds(theirs.find),
        ratio(ours.find, theirs.find),
        '-',
      ],
      [`${size} MB: peak RSS`, `${mb(ours.rss)} MB`, `${mb(theirs.rss)} MB`, ratio(ours.rss, theirs.rss), '< 200 MB'],
    );
  }
  printTable(
    'Results pager (fizz-batch view vs less -S, 120×32 pty; times include drawing)',
    ['measure', 'fizz-batch', 'less', 'ratio', 'target'],
    rows,
  );
  const sizes = Object.keys(results).map(Number);
  if (sizes.length > 1) {
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    const growth = results[large].ours.rss - results[small].ours.rss;
    console.log(
      `Peak RSS of fizz-batch view: ${mb(results[small].ours.rss)} MB at ${small} MB, ${mb(results[large].ours.rss)} MB at ${large} MB (${growth >= 0 ? '+' : '−'}${mb(Math.abs(growth))} MB for ${large - small} MB more file).`,
    );
  }
  return results;
}
