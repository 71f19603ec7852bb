/**
 * Parameters for a refinement comparing two fields, e.g. `{ path: ['slow_period'], message:
 * 'must be greater than fast_period' }`. It runs only once every field passed its own checks, so a
 * field that is wrong by itself is reported once, by its own message, not again as a comparison.
 */
export function crossFieldCheck(field: string, message: string) {
  return { path: [field], message, when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };
}
