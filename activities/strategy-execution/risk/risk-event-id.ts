import { createHash } from 'node:crypto';

/**
 * The bot_risk_events id of a rejection, derived from what was rejected (`run:<strategy>:<run>`,
 * `grid-setup:<strategy>:<seq>`, `order:<client_order_id>`) so that a retried activity records
 * its rejection once. Shaped as a name-based (version 5 style) UUID to fit the id column.
 */
export function riskEventId(key: string): string {
  const hex = createHash('sha1').update(`bot_risk_events:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
