/**
 * The word list news_based_trading scores headlines with: phrase -> weight. Deliberately small and
 * readable so a user can predict a score by hand; every weight a reason shows comes from here.
 * Phrases are lower case and matched as whole words (a multi-word phrase as consecutive words);
 * each inflection is listed on its own rather than stemmed, so nothing matches by surprise.
 * Weights are multiples of 0.5, so scores (and half-weighted summaries) add up exactly.
 */
export const SENTIMENT_LEXICON: Readonly<Record<string, number>> = {
  // Results and outlook
  beats: 2,
  beat: 2,
  tops: 1.5,
  'raises guidance': 2,
  'raises outlook': 2,
  'boosts guidance': 2,
  misses: -2,
  miss: -2,
  missed: -2,
  'cuts guidance': -2,
  'lowers guidance': -2,
  'cuts outlook': -2,
  'profit warning': -2,
  record: 1,
  // Analysts
  upgrade: 2,
  upgrades: 2,
  upgraded: 2,
  outperform: 1,
  downgrade: -2,
  downgrades: -2,
  downgraded: -2,
  underperform: -1,
  // Price moves
  surges: 1.5,
  surge: 1.5,
  soars: 1.5,
  jumps: 1,
  rallies: 1,
  slump: -1.5,
  slumps: -1.5,
  plunges: -2,
  tumbles: -1.5,
  // Corporate events
  buyback: 1,
  approval: 1.5,
  approved: 1.5,
  partnership: 1,
  probe: -1.5,
  investigation: -1.5,
  lawsuit: -1.5,
  sues: -1.5,
  recall: -1.5,
  recalls: -1.5,
  layoffs: -1,
  fraud: -3,
  bankruptcy: -3,
};

/**
 * Words that flip the sign of a lexicon phrase starting within the next NEGATION_WINDOW words of
 * the same clause ("no recall" scores +1.5). Any word ending in "n't" (didn't, won't) negates too.
 */
export const NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'never']);

/** How many words before a phrase a negator may stand. */
export const NEGATION_WINDOW = 2;

/** A headline's words count in full; its summary's at this weight (summaries repeat and pad). */
export const SUMMARY_WEIGHT = 0.5;
