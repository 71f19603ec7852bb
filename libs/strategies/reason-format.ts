// Number formatting for decision reasons: what a user reads in the API and the logs.

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "$1,234.50" */
export function formatUsd(usd: number): string {
  const sign = usd < 0 ? '-' : '';
  const [whole, cents] = Math.abs(usd).toFixed(2).split('.');
  return `${sign}$${groupThousands(whole)}.${cents}`;
}

/** Two decimals from 1 up ("105.20"); six significant digits below, for cheap coins ("0.0000123"). */
export function formatPrice(price: number): string {
  if (Math.abs(price) >= 1) return price.toFixed(2);
  return String(Number(price.toPrecision(6)));
}

/** Up to six decimals, trailing zeros dropped: "9", "0.012345". */
export function formatQty(qty: number): string {
  return String(Number(qty.toFixed(6)));
}

/** A multiple with up to two decimals: "1.8x". */
export function formatMultiple(ratio: number): string {
  return `${Number(ratio.toFixed(2))}x`;
}
