import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The build the benchmarks run: dist/, or FIZZ_BENCH_DIST=/some/copy/of/dist (a copy keeps a long
 * run safe from a rebuild of dist/ while it runs; it resolves packages from the node_modules of
 * its parent directories, so put it beside a node_modules or link one there).
 */
export const distDir = process.env.FIZZ_BENCH_DIST
  ? resolve(process.env.FIZZ_BENCH_DIST)
  : fileURLToPath(new URL('../../dist', import.meta.url));
export const cli = join(distDir, 'bin', 'fizz-batch.js');

/** Peak resident set size of a live process, in bytes (Linux: VmHWM). */
export function peakRss(pid) {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Runs a command to its end; resolves with stdout, the wall time and the child's peak RSS. */
export function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    // Sample while it runs: VmHWM is gone once the process has been reaped.
    const sample = () => {
      try {
        peak = Math.max(peak, peakRss(child.pid) || 0);
      } catch {
        /* exited */
      }
    };
    sample();
    const timer = setInterval(sample, 10);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ stdout, seconds, peakRss: peak });
    });
  });
}

/** Starts `fizz-batch serve` and resolves once it printed its URL. */
export function startServer(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0)
        resolve({
          url: out.slice(0, nl),
          pid: child.pid,
          peakRss: () => peakRss(child.pid),
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`server exited ${code}`));
    });
  });
}

export function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}

export function printTable(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(`\n${title}\n`);
  console.log(fmt(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of rows) console.log(fmt(row));
}
