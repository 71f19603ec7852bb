import type { NewsSetting, NewsSources } from './news-desk';
import { loadNewsFile } from './news-file';
import { SeededHeadlines } from './seeded-headlines';

/** Drift on means a live-looking market, so it gets live-looking news unless told otherwise. */
export const defaultNewsSetting = (priceDrift: boolean): NewsSetting => (priceDrift ? 'seeded' : 'off');

/** Builds the sources of a setting; a bad news file fails the start, naming the file. */
export function newsSources(setting: NewsSetting, seed: string, nowMs: number = Date.now()): NewsSources {
  if (setting === 'seeded') return { generated: new SeededHeadlines(seed) };
  if (setting === 'off') return {};
  return { fixed: loadNewsFile(setting.file, nowMs) };
}
