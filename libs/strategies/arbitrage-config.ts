import { z } from 'zod';
import { intervalSecondsField, mustBe, positiveUsdField } from './config-fields';
import { ARBITRAGE_ROUTES, DEFAULT_VIA, STABLECOINS } from './arbitrage-routes';
import { riskLimitFields } from './risk-limit-fields';

// The base of an Alpaca crypto pair: BTC, ETH, USDT, SHIB...
const CURRENCY_PATTERN = /^[A-Z0-9]{2,10}$/;

function currencyField(description: string) {
  return z
    .string({ error: mustBe('a coin code like BTC, ETH or USDT') })
    .trim()
    .toUpperCase()
    .regex(CURRENCY_PATTERN)
    .describe(description);
}

function bpsField(max: number, description: string) {
  return z.number({ error: mustBe(`a number from 0 to ${max}`) }).min(0).max(max).describe(description);
}

const isStablecoin = (coin: string) => (STABLECOINS as readonly string[]).includes(coin);

// No exit rules: every cycle ends back in USD, so there is no position for a stop to watch.
export const arbitrageConfigSchema = z
  .strictObject({
    route: z
      .enum(ARBITRAGE_ROUTES, { error: mustBe(`one of ${ARBITRAGE_ROUTES.join(', ')}`) })
      .describe("'stablecoin': asset/USD against asset/via × via/USD. 'triangle': via/USD against via/asset × asset/USD.")
      .default('stablecoin'),
    asset: currencyField('The coin whose asset/USD pair is the primary symbol (BTC for BTC/USD).').default('BTC'),
    via: currencyField(
      `stablecoin route: the stablecoin the asset is also quoted in (${STABLECOINS.join(' or ')}, default ${DEFAULT_VIA.stablecoin}); ` +
        `triangle route: the second coin, quoted in the asset (default ${DEFAULT_VIA.triangle}, for ETH/BTC).`,
    ).optional(),
    trade_notional_usd: positiveUsdField('USD spent on the first leg of each cycle; the last leg brings it back to USD.'),
    allocated_capital: positiveUsdField('USD the strategy may tie up at once; at least trade_notional_usd.'),
    fee_bps: bpsField(1000, "Fee per leg in basis points (Alpaca's crypto taker tier: 25); a cycle pays it three times.").default(25),
    min_edge_bps: bpsField(10_000, 'Act only when the net edge after fees exceeds this many basis points.').default(10),
    interval_seconds: intervalSecondsField,
    ...riskLimitFields,
  })
  .superRefine((config, ctx) => {
    const via = config.via ?? DEFAULT_VIA[config.route];
    const defaulted = config.via === undefined ? ` (the ${config.route} route's default)` : '';
    if (config.asset === 'USD') ctx.addIssue({ code: 'custom', path: ['asset'], message: 'must be a coin other than USD' });
    if (via === 'USD') ctx.addIssue({ code: 'custom', path: ['via'], message: 'must be a coin other than USD' });
    if (via === config.asset) {
      ctx.addIssue({ code: 'custom', path: ['via'], message: `must differ from asset (${config.asset}); via is ${via}${defaulted}` });
    } else if (config.route === 'stablecoin' && !isStablecoin(via)) {
      ctx.addIssue({ code: 'custom', path: ['via'], message: `must be ${STABLECOINS.join(' or ')} on the stablecoin route (use route 'triangle' for ${via})` });
    }
    if (config.trade_notional_usd > config.allocated_capital) {
      ctx.addIssue({ code: 'custom', path: ['trade_notional_usd'], message: 'must be less than or equal to allocated_capital' });
    }
  })
  .transform((config) => ({ ...config, via: config.via ?? DEFAULT_VIA[config.route] }));

export type ArbitrageConfig = z.infer<typeof arbitrageConfigSchema>;
