import type { DocumentBackend } from './document-backend';

/** An in-memory map of documents of one kind, written through to the backend on each change. */
export class Collection<T extends { id: string }> {
  private readonly items = new Map<string, T>();

  constructor(
    private readonly kind: string,
    private readonly backend: DocumentBackend,
  ) {
    for (const doc of backend.loadAll(kind) as T[]) this.items.set(doc.id, doc);
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  values(): T[] {
    return [...this.items.values()];
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this.items.values()) if (predicate(item)) return item;
    return undefined;
  }

  filter(predicate: (item: T) => boolean): T[] {
    return this.values().filter(predicate);
  }

  put(doc: T): T {
    this.items.set(doc.id, doc);
    this.backend.put(this.kind, doc.id, doc);
    return doc;
  }

  delete(id: string): void {
    if (this.items.delete(id)) this.backend.remove(this.kind, id);
  }

  get size(): number {
    return this.items.size;
  }
}
