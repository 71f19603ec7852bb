import { z } from 'zod';
import type { NewsArticle } from '../broker/broker.port';
import { commonConfigShape, mustBe, wholeNumberField } from './config-fields';
import { exitRuleFields } from './exit-rule-fields';
import { hold } from './hold-decision';
import { buyWithBudget, describeHolding, refuseShort, sellAll } from './long-only-decision';
import { entryBudget } from './order-sizing';
import { advanceNewsCursor, newsSince, selectFreshNews } from './news-cursor';
import { describeArticleScore, formatScore, scoreArticle, type ArticleSentiment } from './news-sentiment';
import { positionSizePctField } from './position-size-field';
import { riskLimitFields } from './risk-limit-fields';
import type { Decision, DecisionInput, StrategyDefinition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

/** Headlines read per run, the newest; at a 5-minute interval no real symbol gets more. */
export const NEWS_PER_RUN = 50;

function thresholdField(description: string) {
  return z.number({ error: mustBe('a number from -100 to 100') }).min(-100).max(100).describe(description);
}

export const newsBasedTradingConfigSchema = z
  .strictObject({
    ...commonConfigShape,
    lookback_minutes: wholeNumberField(
      1,
      7 * 24 * 60,
      'How far back the first run reads headlines, in minutes; later runs read on from the newest headline already read, never further back than this.',
    ).default(60),
    buy_threshold: thresholdField("When flat, buy once the new headlines' summed lexicon score is at or above this.").default(2),
    sell_threshold: thresholdField("When long, sell the whole position once the new headlines' summed score is at or below this.").default(-2),
    min_headlines: wholeNumberField(1, NEWS_PER_RUN, 'New headlines a run needs before it acts on their score.').default(1),
    position_size_pct: positionSizePctField,
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .refine((config) => config.buy_threshold > config.sell_threshold, {
    path: ['buy_threshold'],
    message: 'must be greater than sell_threshold',
  });

export type NewsBasedTradingConfig = z.infer<typeof newsBasedTradingConfigSchema>;
type Input = DecisionInput<NewsBasedTradingConfig>;

interface Scored {
  article: NewsArticle;
  sentiment: ArticleSentiment;
}

// A reason stays readable (and storable) however busy the news: the strongest headlines are named.
const MAX_LISTED = 10;

function describeHeadlines(scored: Scored[]): string {
  const strongest = new Set([...scored].sort((a, b) => Math.abs(b.sentiment.score) - Math.abs(a.sentiment.score)).slice(0, MAX_LISTED));
  const listed = scored.filter((entry) => strongest.has(entry)).map(({ article, sentiment }) => describeArticleScore(article, sentiment));
  const rest = scored.filter((entry) => !strongest.has(entry));
  if (rest.length > 0) {
    const restScore = rest.reduce((sum, entry) => sum + entry.sentiment.score, 0);
    listed.push(`${rest.length} more scoring ${formatScore(restScore)}`);
  }
  return listed.join(' | ');
}

/** "14:05 UTC" on the run's own day, else "2026-01-04 14:05 UTC". */
function formatSince(since: Date, asOf: Date): string {
  const iso = since.toISOString();
  const sameDay = iso.slice(0, 10) === asOf.toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function decide(input: Input): Decision {
  const { config, asOf, news, position, state } = input;
  const since = newsSince(state, asOf, config.lookback_minutes);
  const { fresh, alreadySeen } = selectFreshNews(news, state, since, asOf);
  // Read is read, whatever this run decides: a headline must never count twice.
  const nextState = advanceNewsCursor(state, fresh);
  if (position && position.qty < 0) return refuseShort(position, config.symbol, 'news_based_trading', nextState);
  if (fresh.length === 0) {
    const reread = alreadySeen > 0 ? ` (${plural(alreadySeen, 'headline')} already read)` : '';
    return hold(`no new headlines for ${config.symbol} since ${formatSince(since, asOf)}${reread}`, nextState);
  }

  const scored = fresh.map((article) => ({ article, sentiment: scoreArticle(article) }));
  const aggregate = scored.reduce((sum, entry) => sum + entry.sentiment.score, 0);
  const score = `news score ${formatScore(aggregate)} from ${plural(fresh.length, 'new headline')}`;
  const headlines = describeHeadlines(scored);
  const buyLine = `${formatScore(config.buy_threshold)} buy threshold`;
  const sellLine = `${formatScore(config.sell_threshold)} sell threshold`;
  const tooFew = fresh.length < config.min_headlines ? `, but min_headlines is ${config.min_headlines}` : '';
  const long = position !== null && position.qty > 0;

  if (aggregate >= config.buy_threshold) {
    const signal = `${score} is at or above the ${buyLine}`;
    if (long) return hold(`already holding ${describeHolding(position, config.symbol)}; ${signal}: ${headlines}`, nextState);
    if (tooFew) return hold(`${signal}${tooFew}: ${headlines}`, nextState);
    const budget = entryBudget(config);
    return buyWithBudget({ symbol: config.symbol, budget, price: input.latestPrice, account: input.account, signal: `${signal}: ${headlines}`, state: nextState, entryState: {} });
  }
  if (aggregate <= config.sell_threshold) {
    const signal = `${score} is at or below the ${sellLine}`;
    if (!long) return hold(`${signal}, but there is no ${config.symbol} position to sell: ${headlines}`, nextState);
    if (tooFew) return hold(`${signal}${tooFew}: ${headlines}`, nextState);
    return sellAll(config.symbol, position, `${signal}: ${headlines}`, nextState, []);
  }
  if (long) return hold(`holding ${describeHolding(position, config.symbol)}; ${score} is above the ${sellLine}: ${headlines}`, nextState);
  return hold(`${score} is below the ${buyLine}: ${headlines}`, nextState);
}

export const newsBasedTradingStrategy: StrategyDefinition<NewsBasedTradingConfig, 'news_based_trading'> = {
  type: 'news_based_trading',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.news_based_trading,
  supported: true,
  description:
    "Scores each new headline for its symbol with a published word list (beats +2, downgrade -2, 'not'/'no' flips); buys when the run's summed score reaches buy_threshold and sells the position when it falls to sell_threshold. Never counts a headline twice.",
  configSchema: newsBasedTradingConfigSchema,
  marketData: (config, { state, asOf }) => ({
    symbol: config.symbol,
    // One daily bar: the rule reads only the latest price; the news is what it trades on.
    timeframe: '1Day',
    limit: 1,
    news: { symbols: [config.symbol], since: newsSince(state, asOf, config.lookback_minutes), limit: NEWS_PER_RUN },
  }),
  decide,
};
