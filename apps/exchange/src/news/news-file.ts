import { readFileSync } from 'node:fs';
import { parseArticleDrafts } from './article-input';
import type { NewsArticleRecord } from './news-article';

// File articles are read once at start and never stored: the file stays their source of truth.
const FILE_ID_BASE = 500_000_000;

/** The headlines of a JSON file holding an array of POST /admin/news objects; throws naming the file. */
export function loadNewsFile(path: string, nowMs: number): NewsArticleRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // fs errors are not always `instanceof Error` (jest runs code in another realm).
    throw new Error(`news file ${path}: ${String((error as { message?: unknown }).message ?? error)}`);
  }
  if (!Array.isArray(json)) throw new Error(`news file ${path}: must hold a JSON array of articles`);
  if (json.length === 0) return [];
  const result = parseArticleDrafts(json, nowMs);
  if ('problem' in result) throw new Error(`news file ${path}: ${result.problem}`);
  return result.drafts.map((draft, index) => ({ id: String(FILE_ID_BASE + index + 1), ...draft }));
}
