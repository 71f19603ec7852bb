import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A string with at least one non-blank character; one message for undefined, '', ' ' or 42. */
export function IsNonEmptyString(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isNonEmptyString', validator: { validate: (value) => typeof value === 'string' && value.trim() !== '' } }, options);
}

/** Fails when any of `others` is present on the same object: two mutually exclusive ways to say one thing. */
export function IsExclusiveWith(others: string[], options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isExclusiveWith',
      constraints: others,
      validator: {
        validate: (_value, args) => others.every((name) => (args?.object as Record<string, unknown>)[name] === undefined),
      },
    },
    options,
  );
}

/** Fails when `other` is absent: a field meaningful only alongside another. */
export function RequiresField(other: string, options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'requiresField', constraints: [other], validator: { validate: (_value, args) => (args?.object as Record<string, unknown>)[other] !== undefined } },
    options,
  );
}

/** An ISO-8601 timestamp in the future (an already expired token cannot be used). */
export function IsFutureTimestamp(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFutureTimestamp',
      validator: {
        validate: (value) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return false;
          const time = Date.parse(value);
          return Number.isFinite(time) && time > Date.now();
        },
      },
    },
    options,
  );
}
