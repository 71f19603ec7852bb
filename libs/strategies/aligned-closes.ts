import type { Bar } from '../broker/broker.port';

/** Both symbols' closes at one bar time. */
export interface AlignedCloses {
  t: string;
  a: number;
  b: number;
}

/**
 * The closes of the bar times both series have, oldest first. Either symbol may miss a bar (no
 * trade in it, a halt), and a spread only means something between prices of the same moment.
 */
export function alignCloses(barsA: readonly Bar[], barsB: readonly Bar[]): AlignedCloses[] {
  // Parsed, so "…:00Z" and "…:00.000Z" spell the same time.
  const closesB = new Map(barsB.map((bar) => [Date.parse(bar.t), bar.c]));
  return barsA.flatMap((bar) => {
    const b = closesB.get(Date.parse(bar.t));
    return b === undefined ? [] : [{ t: bar.t, a: bar.c, b }];
  });
}
