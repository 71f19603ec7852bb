import { randomUUID } from 'node:crypto';
import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type ObjectLiteral } from 'typeorm';

/**
 * Gives every inserted row without an id a crypto.randomUUID(). A subscriber rather than an entity
 * @BeforeInsert hook because TypeORM calls subscribers for plain objects too, so save(), insert()
 * and upsert() of `{ ...fields }` all get an id, not only entity instances. Like TypeORM's own
 * generated values, the id is written into the object passed in: do not reuse that object for
 * another row.
 * (TypeORM registers only @EventSubscriber classes from the DataSource's `subscribers` list.)
 */
@EventSubscriber()
export class UuidPrimaryKeySubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    const entity = event.entity;
    if (!entity) return;
    for (const column of event.metadata.primaryColumns) {
      if (column.propertyName !== 'id') continue;
      const value: unknown = column.getEntityValue(entity);
      if (value === undefined || value === null) column.setEntityValue(entity, randomUUID());
    }
  }
}
