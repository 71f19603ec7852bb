import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DocumentBackend } from './document-backend';

// One table of JSON documents keyed by (kind, id): the exchange keeps its working set in memory
// and writes every change through, so a restart reloads exactly what was acknowledged.
export function sqliteBackend(file: string): DocumentBackend {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS documents (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id))',
  );
  const select = db.prepare<[string], { body: string }>('SELECT body FROM documents WHERE kind = ? ORDER BY rowid');
  const upsert = db.prepare<[string, string, string]>(
    'INSERT INTO documents (kind, id, body) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body',
  );
  const remove = db.prepare<[string, string]>('DELETE FROM documents WHERE kind = ? AND id = ?');

  return {
    loadAll: (kind) => select.all(kind).map((row) => JSON.parse(row.body) as unknown),
    put: (kind, id, doc) => void upsert.run(kind, id, JSON.stringify(doc)),
    remove: (kind, id) => void remove.run(kind, id),
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
}
