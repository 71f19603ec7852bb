/** Where the exchange's documents live: nowhere (memory only) or a SQLite file. */
export interface DocumentBackend {
  loadAll(kind: string): unknown[];
  put(kind: string, id: string, doc: unknown): void;
  remove(kind: string, id: string): void;
  /** Runs `work` so that all its writes land together or not at all. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export const memoryBackend = (): DocumentBackend => ({
  loadAll: () => [],
  put: () => undefined,
  remove: () => undefined,
  transaction: (work) => work(),
  close: () => undefined,
});
