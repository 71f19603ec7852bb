import type { RiskEventRow, RiskHistory, RiskStore } from '../risk/risk-store.port';

/** RiskStore in memory, for activity tests: set `history` to what the records would say. */
export class InMemoryRiskStore implements RiskStore {
  history: RiskHistory = {
    openOrders: 0,
    position: { qty: 0, netInvested: 0 },
    realizedPnlToday: { strategy: 0, user: 0 },
    lastStopLossAt: null,
    userLimits: {},
  };
  readonly events = new Map<string, RiskEventRow>();
  readonly queries: Array<{ strategyId: string; userId: string; symbol: string; since: Date }> = [];

  async loadHistory(query: { strategyId: string; userId: string; symbol: string; since: Date }): Promise<RiskHistory> {
    this.queries.push(query);
    return structuredClone(this.history);
  }

  async findRiskEvent(id: string): Promise<RiskEventRow | undefined> {
    const found = this.events.get(id);
    return found ? structuredClone(found) : undefined;
  }

  async recordRiskEvent(event: RiskEventRow): Promise<boolean> {
    if (this.events.has(event.id)) return false;
    this.events.set(event.id, structuredClone(event));
    return true;
  }
}
