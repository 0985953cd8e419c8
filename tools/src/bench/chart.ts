/** One point of the latency-against-load chart. */
export interface ChartPoint {
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  /** Throughput reached at that load, written above the point. */
  perSecond: number;
}

export interface ChartOptions {
  title: string;
  /** A dashed horizontal line, e.g. the p99 target. */
  limitMs?: number;
  /** A line under the title: the machine, the date. */
  subtitle?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The smallest "nice" number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^n) at or above `value`, for the top of an axis. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= value - 1e-9) return Number((step * magnitude).toPrecision(12));
  return 10 * magnitude;
}

/**
 * Latency (p50 and p99, ms) against load (concurrent clients, evenly spaced)
 * as a small self-contained SVG, with each level's throughput above it.
 */
export function latencyChartSvg(points: readonly ChartPoint[], options: ChartOptions): string {
  const width = 720;
  const height = 420;
  const margin = { top: 70, right: 30, bottom: 60, left: 70 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const top = niceCeiling(Math.max(options.limitMs ?? 0, ...points.map((p) => p.p99Ms), 1) * 1.1);
  const x = (i: number) => margin.left + (points.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
  const y = (ms: number) => margin.top + plotHeight - (Math.min(ms, top) / top) * plotHeight;
  const f = (n: number) => n.toFixed(1);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`);
  if (options.subtitle) parts.push(`<text x="${width / 2}" y="44" text-anchor="middle" fill="#555">${escapeXml(options.subtitle)}</text>`);

  for (let i = 0; i <= 5; i++) {
    const ms = (top * i) / 5;
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${f(y(ms))}" y2="${f(y(ms))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${f(y(ms) + 4)}" text-anchor="end">${Number(ms.toFixed(1))}</text>`);
  }
  parts.push(`<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">latency of POST (ms)</text>`);
  points.forEach((point, i) => parts.push(`<text x="${f(x(i))}" y="${height - margin.bottom + 20}" text-anchor="middle">${point.concurrency}</text>`));
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 16}" text-anchor="middle">concurrent clients (closed loop)</text>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#333"/>`);
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#333"/>`);

  if (options.limitMs !== undefined) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${f(y(options.limitMs))}" y2="${f(y(options.limitMs))}" stroke="#c0392b" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${margin.left + 6}" y="${f(y(options.limitMs) - 6)}" fill="#c0392b">target p99 ${options.limitMs} ms</text>`);
  }

  const series = [
    { key: 'p99Ms' as const, label: 'p99', colour: '#e67e22' },
    { key: 'p50Ms' as const, label: 'p50', colour: '#2471a3' },
  ];
  for (const { key, colour } of series) {
    if (points.length > 1) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map((p, i) => `${f(x(i))},${f(y(p[key]))}`).join(' ')}"/>`);
    points.forEach((p, i) => parts.push(`<circle cx="${f(x(i))}" cy="${f(y(p[key]))}" r="3.5" fill="${colour}"/>`));
  }
  points.forEach((p, i) =>
    parts.push(`<text x="${f(x(i))}" y="${f(y(p.p99Ms) - 10)}" text-anchor="middle" fill="#333">${escapeXml(`${Math.round(p.perSecond).toLocaleString('en-US')}/s`)}</text>`),
  );
  series.forEach(({ label, colour }, i) => {
    const lx = margin.left + 12 + i * 70;
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${margin.top - 12}" y2="${margin.top - 12}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${lx + 24}" y="${margin.top - 8}">${label}</text>`);
  });
  parts.push(`<text x="${margin.left + 160}" y="${margin.top - 8}" fill="#333">n/s above a point: comments per second reached at that load</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
