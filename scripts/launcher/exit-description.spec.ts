import { describeExit, isCleanStop } from './exit-description';

describe('describeExit', () => {
  it.each([
    [{ code: 0, signal: null }, 'code 0', true],
    [{ code: 1, signal: null }, 'code 1', false],
    [{ code: 137, signal: null }, 'code 137 (SIGKILL)', false],
    [{ code: 143, signal: null }, 'code 143 (SIGTERM)', true],
    [{ code: null, signal: 'SIGTERM' as const }, 'signal SIGTERM', true],
    [{ code: null, signal: 'SIGSEGV' as const }, 'signal SIGSEGV', false],
  ])('%j -> %s (clean stop: %p)', (exit, text, clean) => {
    expect(describeExit(exit)).toBe(text);
    expect(isCleanStop(exit)).toBe(clean);
  });
});
