import type { NewsArticle } from '../broker/broker.port';
import { NEGATION_WINDOW, NEGATORS, SENTIMENT_LEXICON, SUMMARY_WEIGHT } from './news-sentiment-lexicon';

/** One lexicon phrase found in an article. */
export interface SentimentHit {
  /** The words that counted, a negator included: "beats", "no recall". */
  words: string;
  /** Lexicon weight times the field's weight, sign flipped when negated. */
  score: number;
  inSummary: boolean;
}

export interface ArticleSentiment {
  /** Sum of the hits' scores. */
  score: number;
  hits: SentimentHit[];
}

// Longest first, so "raises guidance" wins over any single word inside it.
const PHRASE_LENGTHS = [...new Set(Object.keys(SENTIMENT_LEXICON).map((phrase) => phrase.split(' ').length))].sort((a, b) => b - a);

// Negation never reaches across punctuation: in "no recall, beats estimates" the "no" is not about "beats".
const CLAUSE_BREAK = /[.,;:!?()[\]{}"“”—–|]+|\s-\s/;
const WORD = /[a-z0-9]+(?:'[a-z]+)*/g;

/** Lower-cased words of each clause of `text`. */
export function clauses(text: string): string[][] {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .split(CLAUSE_BREAK)
    .map((clause) => clause.match(WORD) ?? [])
    .filter((words) => words.length > 0);
}

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

function phraseAt(words: string[], start: number): { length: number; weight: number } | undefined {
  for (const length of PHRASE_LENGTHS) {
    if (start + length > words.length) continue;
    const phrase = words.slice(start, start + length).join(' ');
    if (Object.hasOwn(SENTIMENT_LEXICON, phrase)) return { length, weight: SENTIMENT_LEXICON[phrase] };
  }
  return undefined;
}

/** Index of the nearest negator in words[from, to), or -1. */
function negatorBetween(words: string[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (isNegator(words[i])) return i;
  return -1;
}

function clauseHits(words: string[], fieldWeight: number, inSummary: boolean): SentimentHit[] {
  const hits: SentimentHit[] = [];
  // A negator already spent on (or standing before) an earlier phrase does not flip a later one.
  let floor = 0;
  for (let i = 0; i < words.length; ) {
    const phrase = phraseAt(words, i);
    if (!phrase) {
      i++;
      continue;
    }
    const negator = negatorBetween(words, Math.max(floor, i - NEGATION_WINDOW), i);
    const sign = negator === -1 ? 1 : -1;
    hits.push({
      words: words.slice(negator === -1 ? i : negator, i + phrase.length).join(' '),
      score: sign * phrase.weight * fieldWeight,
      inSummary,
    });
    i += phrase.length;
    floor = i;
  }
  return hits;
}

/** Lexicon hits in `text`, each weighted by `fieldWeight`. */
export function textHits(text: string, fieldWeight: number, inSummary = false): SentimentHit[] {
  return clauses(text).flatMap((words) => clauseHits(words, fieldWeight, inSummary));
}

/** The headline's hits at full weight plus the summary's at SUMMARY_WEIGHT. */
export function scoreArticle(article: Pick<NewsArticle, 'headline' | 'summary'>): ArticleSentiment {
  const hits = [...textHits(article.headline, 1), ...textHits(article.summary ?? '', SUMMARY_WEIGHT, true)];
  return { score: hits.reduce((sum, hit) => sum + hit.score, 0), hits };
}

/** "+2.0", "-0.75", "0.0": always signed, one or two decimals. */
export function formatScore(score: number): string {
  const rounded = Number(score.toFixed(2));
  if (rounded === 0) return '0.0';
  const digits = Math.abs(rounded).toFixed(2).replace(/(\.\d)0$/, '$1');
  return `${rounded > 0 ? '+' : '-'}${digits}`;
}

const MAX_HEADLINE_CHARS = 80;

/** `"Apple beats estimates" +2.0 (+2.0 'beats')`: the headline, its score and the words behind it. */
export function describeArticleScore(article: Pick<NewsArticle, 'headline'>, sentiment: ArticleSentiment): string {
  const headline = article.headline.length > MAX_HEADLINE_CHARS ? `${article.headline.slice(0, MAX_HEADLINE_CHARS - 1)}…` : article.headline;
  const words = sentiment.hits.length
    ? sentiment.hits.map((hit) => `${formatScore(hit.score)} '${hit.words}'${hit.inSummary ? ' in summary' : ''}`).join(', ')
    : 'no lexicon words';
  return `"${headline}" ${formatScore(sentiment.score)} (${words})`;
}
