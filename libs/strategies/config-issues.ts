import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, word: 'greater' | 'less'): string {
  const limit = word === 'greater' ? issue.minimum : issue.maximum;
  return issue.inclusive ? `${word} than or equal to ${String(limit)}` : `${word} than ${String(limit)}`;
}

/**
 * Fallback wording for issues whose field set no message of its own (see `mustBe`), in the same
 * "is required" / "must be ..." voice so every error reads alike after its field path.
 */
export function describeIssue(issue: Issue): string {
  if (issue.input === undefined && issue.code === 'invalid_type') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `must be ${TYPE_NAMES[issue.origin] ?? issue.origin} ${bound(issue, 'greater')}`;
    case 'too_big':
      return `must be ${TYPE_NAMES[issue.origin] ?? issue.origin} ${bound(issue, 'less')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown fields ${issue.keys.join(', ')}`;
    default:
      return 'is invalid';
  }
}

/** `configuration.a.b[0]` for a zod issue path under the configuration object. */
export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  );
}
