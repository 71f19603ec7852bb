import { decodeMsgpack, encodeMsgpack, type MsgpackValue } from './msgpack';

const hex = (value: MsgpackValue) => encodeMsgpack(value).toString('hex');

describe('msgpack', () => {
  it.each<[MsgpackValue, string]>([
    [null, 'c0'],
    [true, 'c3'],
    [0, '00'],
    [127, '7f'],
    [-1, 'ff'],
    [-32, 'e0'],
    [200, 'ccc8'],
    [402, 'cd0192'],
    [70_000, 'ce00011170'],
    [-100, 'd09c'],
    [-40_000, 'd2ffff63c0'],
    [1.5, 'cb3ff8000000000000'],
    ['T', 'a154'],
    [[1, 'x'], '9201a178'],
    [{ T: 't' }, '81a154a174'],
  ])('encodes %p in its smallest standard form', (value, expected) => {
    expect(hex(value)).toBe(expected);
  });

  it('encodes a Date as the 96-bit timestamp extension and decodes it back', () => {
    const date = new Date('2030-01-02T03:04:05.678Z');
    const bytes = encodeMsgpack(date);
    expect(bytes.subarray(0, 3).toString('hex')).toBe('c70cff');
    expect(decodeMsgpack(bytes)).toEqual(date);
  });

  it('decodes the 32- and 64-bit timestamp forms', () => {
    expect(decodeMsgpack(Buffer.from('d6ff00000001', 'hex'))).toEqual(new Date(1000));
    // 64-bit: 500,000,000 ns (<< 2) and 2 seconds.
    const nanos = (500_000_000 * 4).toString(16).padStart(8, '0');
    expect(decodeMsgpack(Buffer.from(`d7ff${nanos}00000002`, 'hex'))).toEqual(new Date(2500));
  });

  it('round-trips a market-data frame, long strings, arrays and maps included', () => {
    const frame = [
      { T: 'subscription', trades: ['AAPL', 'BTC/USD'], quotes: [], bars: Array.from({ length: 20 }, (_, i) => `S${i}`) },
      { T: 't', S: 'AAPL', i: 2 ** 40, p: 101.25, s: 3, t: new Date(1_800_000_000_123), c: ['@'], z: 'C', msg: 'x'.repeat(300) },
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i * -1000 + 0])),
      new Uint8Array([1, 2, 3]),
    ];
    expect(decodeMsgpack(encodeMsgpack(frame))).toEqual(frame);
  });

  it('leaves out undefined map values', () => {
    expect(decodeMsgpack(encodeMsgpack({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });

  it.each([['c1'], ['a5616263'], ['0102']])('refuses %s', (bytes) => {
    expect(() => decodeMsgpack(Buffer.from(bytes, 'hex'))).toThrow(/msgpack/);
  });
});
