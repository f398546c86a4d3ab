import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { trendSvg } from './svg.js';
import type { TrendChart } from './trend.js';

// The font ships as an npm package, so a chart looks the same on every machine (no system fonts read).
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(fontDir, file));

/**
 * The chart as a PNG: by default at twice its drawn size (sharp on high-density screens); at
 * `zoom` 1 about half the bytes, for messages that carry the image inline.
 */
export function trendPng(chart: TrendChart, zoom = 2): Buffer {
  const resvg = new Resvg(trendSvg(chart), {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: zoom },
  });
  return resvg.render().asPng();
}
