import { formatMultiple, formatPrice, formatQty, formatUsd } from './reason-format';

describe('reason formatting', () => {
  it.each([
    [formatUsd, 1234.5, '$1,234.50'],
    [formatUsd, 0.5, '$0.50'],
    [formatUsd, 1_000_000, '$1,000,000.00'],
    [formatUsd, -12.3, '-$12.30'],
    [formatPrice, 105.2, '105.20'],
    [formatPrice, 43210.5, '43210.50'],
    [formatPrice, 0.0000123456789, '0.0000123457'],
    [formatQty, 9, '9'],
    [formatQty, 0.023142, '0.023142'],
    [formatQty, 1.5000004, '1.5'],
    [formatMultiple, 1.8, '1.8x'],
    [formatMultiple, 2.456, '2.46x'],
  ] as const)('%p(%p) = %p', (format, value, expected) => {
    expect(format(value)).toBe(expected);
  });
});
