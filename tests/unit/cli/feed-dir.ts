// A site feed directory as the Pages workflow's fetch step leaves it (one bars file per symbol and a manifest
// that parseManifest accepts), for the tests of the published forecasts (CLI and browser).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJson } from '../../../src/core/data/export';
import { seriesToBars, type PriceSeries } from '../../../src/core/data/types';
import { FEED_FORMAT, FEED_VERSION, feedFileName, parseManifest, type FeedEntry } from '../../../src/core/providers';

export function writeFeedDir(dir: string, universe: readonly PriceSeries[], fetchedAt = '2024-07-09T22:00:00Z'): void {
  mkdirSync(dir, { recursive: true });
  const entries: FeedEntry[] = universe.map((s) => {
    const file = feedFileName(s.symbol);
    writeFileSync(join(dir, file), exportJson([{ symbol: s.symbol, bars: seriesToBars(s) }]) + '\n');
    return { symbol: s.symbol, file, source: 'yahoo', adjustment: 'splits', firstDate: s.dates[0], lastDate: s.dates.at(-1)!, bars: s.dates.length, fetchedAt };
  });
  const manifest = JSON.stringify({ format: FEED_FORMAT, version: FEED_VERSION, generatedAt: fetchedAt, entries }, null, 1);
  const checked = parseManifest(manifest);
  if (!checked.ok) throw new Error(`test feed manifest refused: ${JSON.stringify(checked.errors)}`);
  writeFileSync(join(dir, 'manifest.json'), manifest + '\n');
}
