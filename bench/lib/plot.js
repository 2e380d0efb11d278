// A line plot as a standalone SVG (no dependencies): the soak's memory over time.

const width = 900;
const height = 420;
const margin = { left: 64, right: 150, top: 40, bottom: 48 };
const colours = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];

/** Rounds a span up to a tick step of 1, 2 or 5 × 10^n giving about `count` ticks. */
function tickStep(span, count) {
  const raw = span / count || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

const escape = (text) => String(text).replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `series`: [{ name, points: [{ x, y }], dots? }]. The y axis starts at 0, so a slow growth looks
 * as small as it is.
 */
export function plotSvg({ title, xLabel, yLabel, series }) {
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xMax = Math.max(1e-9, ...all.map((p) => p.x));
  const yMax = Math.max(1e-9, ...all.map((p) => p.y)) * 1.05;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x) => margin.left + (x / xMax) * plotW;
  const sy = (y) => margin.top + plotH - (y / yMax) * plotH;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  const yStep = tickStep(yMax, 8);
  for (let y = 0; y <= yMax; y += yStep) {
    out.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${sy(y)}" y2="${sy(y)}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 6}" y="${sy(y) + 4}" text-anchor="end">${+y.toFixed(6)}</text>`,
    );
  }
  const xStep = tickStep(xMax, 10);
  for (let x = 0; x <= xMax; x += xStep) {
    out.push(
      `<line x1="${sx(x)}" x2="${sx(x)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#f0f0f0"/>`,
      `<text x="${sx(x)}" y="${margin.top + plotH + 16}" text-anchor="middle">${+x.toFixed(6)}</text>`,
    );
  }
  out.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text x="16" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${margin.top + plotH / 2})">${escape(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const colour = colours[i % colours.length];
    const points = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (s.dots) for (const p of points) out.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="2.5" fill="${colour}"/>`);
    else if (points.length > 0)
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`,
      );
    const ly = margin.top + 14 + i * 20;
    out.push(
      `<rect x="${width - margin.right + 14}" y="${ly - 9}" width="14" height="10" fill="${colour}"/>`,
      `<text x="${width - margin.right + 34}" y="${ly}">${escape(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
