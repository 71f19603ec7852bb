import { ASSETS, type Asset } from '../market/asset-catalog';
import type { SubjectKind } from './headline-templates';
import { newsSymbol } from './news-symbols';

/** A catalog asset as the headline generator writes about it. */
export interface HeadlineSubject {
  /** Alpaca's news spelling ("AAPL", "BTCUSD"). */
  symbol: string;
  name: string;
  kind: SubjectKind;
  /** Position in the catalog: part of the generated ids, so new assets must be appended. */
  index: number;
}

// "Apple Inc. Common Stock" -> "Apple", "Walt Disney Company (The) ..." -> "Walt Disney".
const LEGAL_SUFFIX = /,?\s+(Inc\.|Corporation|Company|Co\.|Platforms|Class [A-Z]|Common Stock).*$/;

function subjectOf(asset: Asset, index: number): HeadlineSubject {
  const symbol = newsSymbol(asset.symbol)!;
  if (asset.assetClass === 'crypto') return { symbol, name: asset.name.split(' / ')[0], kind: 'crypto', index };
  if (/\b(ETF|Trust)\b/.test(asset.name)) return { symbol, name: asset.symbol, kind: 'fund', index };
  return { symbol, name: asset.name.replace(LEGAL_SUFFIX, ''), kind: 'company', index };
}

export const HEADLINE_SUBJECTS: readonly HeadlineSubject[] = ASSETS.map(subjectOf);
