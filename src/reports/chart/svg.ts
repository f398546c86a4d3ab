import type { TrendChart } from './trend.js';

// The trend chart as SVG: a pure function, so it is tested as text and rasterised in one place.

const width = 800;
const height = 380;
const margin = { top: 56, right: 24, bottom: 56, left: 56 };
const colors = { opened: '#1264A3', resolved: '#2EB67D', grid: '#DDDDDD', text: '#1D1C1D', muted: '#616061' };
const font = 'DejaVu Sans';
const maxLabels = 16;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A round step for the value axis, so its ticks read 0, 5, 10 … or 0, 200, 400 …. */
export function niceStep(max: number, ticks = 5): number {
  const raw = Math.max(1, max) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return Math.max(1, step);
}

export function trendSvg(chart: TrendChart): string {
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const max = Math.max(1, ...chart.bars.flatMap((b) => [b.opened, b.resolved]));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (value: number) => margin.top + plotH - (value / top) * plotH;
  const slot = plotW / chart.bars.length;
  const barW = Math.max(1, Math.min(28, (slot * 0.8) / 2));
  const every = Math.ceil(chart.bars.length / maxLabels);
  const text = (x: number, yPos: number, content: string, attrs = '') =>
    `<text x="${x.toFixed(1)}" y="${yPos.toFixed(1)}" font-family="${font}" ${attrs}>${escapeXml(content)}</text>`;

  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#FFFFFF"/>`];
  parts.push(text(margin.left, 28, chart.title, `font-size="16" font-weight="bold" fill="${colors.text}"`));
  for (let value = 0; value <= top; value += step) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="${colors.grid}"/>`);
    parts.push(text(margin.left - 8, y(value) + 4, String(value), `font-size="12" text-anchor="end" fill="${colors.muted}"`));
  }
  chart.bars.forEach((bar, i) => {
    const center = margin.left + slot * i + slot / 2;
    for (const [series, offset] of [['opened', -barW], ['resolved', 0]] as const) {
      const value = bar[series];
      parts.push(`<rect x="${(center + offset).toFixed(1)}" y="${y(value).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}" fill="${colors[series]}"/>`);
    }
    if (i % every === 0) parts.push(text(center, height - margin.bottom + 18, bar.label, `font-size="12" text-anchor="middle" fill="${colors.muted}"`));
  });
  const legendY = height - 16;
  for (const [i, series] of (['opened', 'resolved'] as const).entries()) {
    const x = margin.left + i * 120;
    parts.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${colors[series]}"/>`);
    parts.push(text(x + 18, legendY, series === 'opened' ? 'Opened' : 'Resolved', `font-size="13" fill="${colors.text}"`));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.summary)}">${parts.join('')}</svg>`;
}
