/**
 * An entity as the API's JSON: snake_case keys like the table's columns, dates as ISO-8601, and
 * relation objects (loaded or not) left out.
 */
export function toSnakeCaseRow(entity: object): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (value !== null && typeof value === 'object' && !(value instanceof Date) && !isPlainJson(key)) continue;
    row[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value instanceof Date ? value.toISOString() : value;
  }
  return row;
}

// JSON columns hold plain objects that belong in the output, unlike relations.
function isPlainJson(key: string): boolean {
  return key === 'details' || key === 'result' || key === 'configuration';
}
