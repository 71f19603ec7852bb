import { isCryptoSymbol } from '../order-sizing';
import { spotGridConfigSchema, spotGridLogic, type SpotGridConfig } from './spot-grid';

function validateGridAgainstMarket(config: SpotGridConfig, price: number, buyingPower: number, isCrypto = isCryptoSymbol(config.symbol)) {
  return spotGridLogic.checkStart(config, { price, buyingPower, isCrypto, shortable: false, positionQty: 0 });
}

// AAPL ladder: levels 0..5 = 100, 102, 104, 106, 108, 110.
const AAPL = { symbol: 'AAPL', lower_price: 100, upper_price: 110, grid_count: 6 };
const BTC = { symbol: 'BTC/USD', lower_price: 60_000, upper_price: 70_000, grid_count: 3 };

describe('spotGridLogic.checkStart', () => {
  it.each<[string, Record<string, unknown>, number, number, string]>([
    [
      'price above the range',
      { ...AAPL, quantity_per_grid: 2 },
      120,
      10_000,
      'current price 120.00 of AAPL is above the grid range 100.00-110.00; choose lower_price and upper_price around it',
    ],
    [
      'price below the range',
      { ...AAPL, quantity_per_grid: 2 },
      95.5,
      10_000,
      'current price 95.50 of AAPL is below the grid range 100.00-110.00; choose lower_price and upper_price around it',
    ],
    [
      'price on the bottom level',
      { ...AAPL, quantity_per_grid: 2 },
      100,
      10_000,
      'no grid level is below the current price 100.00 of AAPL (lowest level 100.00), so the grid would place no buy',
    ],
    ['no price', { ...AAPL, quantity_per_grid: 2 }, 0, 10_000, 'no current price for AAPL'],
    [
      'buying power short of the whole grid',
      { ...AAPL, quantity_per_grid: 2 },
      105,
      500,
      'insufficient buying power for the whole grid: 3 buy orders need $612.00, buying power is $500.00 ($112.00 missing)',
    ],
    [
      'capital too small for one share per level',
      { ...AAPL, allocated_capital: 150 },
      105,
      10_000,
      'allocated_capital $150.00 split over 3 buy levels ($50.00 each) buys less than one share of AAPL at level 0 (100.00); raise allocated_capital or lower grid_count',
    ],
    [
      'capital too small for one coin increment',
      { ...BTC, allocated_capital: 0.05 },
      66_000,
      10_000,
      'allocated_capital $0.05 split over 2 buy levels ($0.03 each) buys less than one unit of BTC/USD at level 0 (60000.00); raise allocated_capital or lower grid_count',
    ],
  ])('%s', (_case, input, price, buyingPower, error) => {
    expect(validateGridAgainstMarket(spotGridConfigSchema.parse(input), price, buyingPower)).toEqual({ ok: false, error });
  });

  it.each<[string, Record<string, unknown>, number, number, number]>([
    // case, config, price, buying power, required USD
    ['price between levels', { ...AAPL, quantity_per_grid: 2 }, 105, 612, 612],
    ['price at the top level', { ...AAPL, quantity_per_grid: 2 }, 110, 10_000, 1040],
    ['whole shares from capital', { ...AAPL, allocated_capital: 1500 }, 105, 1500, 500 + 408 + 416],
    ['crypto from capital', { ...BTC, allocated_capital: 1000 }, 66_000, 1000, 999.96],
  ])('%s needs %p of %p buying power', (_case, input, price, buyingPower, required) => {
    const check = validateGridAgainstMarket(spotGridConfigSchema.parse(input), price, buyingPower);
    expect(check).toEqual({ ok: true, requiredBuyingPower: required });
  });

  it('takes the asset class from the market, not the symbol', () => {
    const config = spotGridConfigSchema.parse({ ...AAPL, symbol: 'BTCUSD', allocated_capital: 150 });
    expect(validateGridAgainstMarket(config, 105, 10_000, true)).toMatchObject({ ok: true });
    expect(validateGridAgainstMarket(config, 105, 10_000)).toMatchObject({ ok: false });
  });
});
