import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type ObjectLiteral, type UpdateEvent } from 'typeorm';

/**
 * Stamps created/updated dates from the application clock, in milliseconds, on both drivers.
 * Without it TypeORM updates updated_at with CURRENT_TIMESTAMP, which SQLite keeps to whole
 * seconds, so a row updated right after its insert would look updated *before* it was created.
 * The column defaults in the migrations still cover writes that bypass subscribers.
 */
@EventSubscriber()
export class TimestampsSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    const entity = event.entity;
    if (!entity) return;
    const now = new Date();
    for (const column of [event.metadata.createDateColumn, event.metadata.updateDateColumn]) {
      if (column && column.getEntityValue(entity) === undefined) column.setEntityValue(entity, now);
    }
  }

  // Also runs for repository.update(), where event.entity is the partial being written.
  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    const column = event.metadata.updateDateColumn;
    if (event.entity && column) column.setEntityValue(event.entity as ObjectLiteral, new Date());
  }
}
