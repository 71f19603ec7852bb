/**
 * The part of MessagePack (msgpack.org) Alpaca's market-data stream uses: nil, booleans, numbers,
 * strings, arrays, maps, binary and the timestamp extension (type -1, what trade times are sent
 * as). Dates encode as timestamps and timestamps decode as Dates. Written here rather than taken
 * from the SDK's dependencies, which the exchange does not declare.
 */
export type MsgpackValue = null | boolean | number | string | Date | Uint8Array | MsgpackValue[] | { [key: string]: MsgpackValue | undefined };

const TIMESTAMP_EXT = -1;

export function encodeMsgpack(value: MsgpackValue | undefined): Buffer {
  const chunks: Buffer[] = [];
  write(value, chunks);
  return Buffer.concat(chunks);
}

function write(value: MsgpackValue | undefined, out: Buffer[]): void {
  if (value === null || value === undefined) out.push(Buffer.of(0xc0));
  else if (typeof value === 'boolean') out.push(Buffer.of(value ? 0xc3 : 0xc2));
  else if (typeof value === 'number') writeNumber(value, out);
  else if (typeof value === 'string') writeString(value, out);
  else if (value instanceof Date) writeTimestamp(value, out);
  else if (value instanceof Uint8Array) {
    out.push(header(value.length, [0xc4, 0xc5, 0xc6]), Buffer.from(value));
  } else if (Array.isArray(value)) {
    out.push(value.length < 16 ? Buffer.of(0x90 | value.length) : header(value.length, [undefined, 0xdc, 0xdd]));
    for (const item of value) write(item, out);
  } else {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    out.push(entries.length < 16 ? Buffer.of(0x80 | entries.length) : header(entries.length, [undefined, 0xde, 0xdf]));
    for (const [key, item] of entries) {
      writeString(key, out);
      write(item, out);
    }
  }
}

/** A length prefix: the 8-, 16- or 32-bit form (undefined where the type has no 8-bit form). */
function header(length: number, [b8, b16, b32]: Array<number | undefined>): Buffer {
  if (b8 !== undefined && length < 0x100) return Buffer.of(b8, length);
  if (length < 0x10000) {
    const buf = Buffer.alloc(3);
    buf[0] = b16!;
    buf.writeUInt16BE(length, 1);
    return buf;
  }
  const buf = Buffer.alloc(5);
  buf[0] = b32!;
  buf.writeUInt32BE(length, 1);
  return buf;
}

function writeNumber(n: number, out: Buffer[]): void {
  // Integers in their smallest form: decoders (the SDK's among them) read 64-bit ones as bigint.
  if (!Number.isSafeInteger(n)) out.push(fixed(0xcb, 8, (buf) => buf.writeDoubleBE(n, 1)));
  else if (n >= 0 && n < 0x80) out.push(Buffer.of(n));
  else if (n < 0 && n >= -32) out.push(Buffer.of(0x100 + n));
  else if (n >= 0 && n < 0x100) out.push(Buffer.of(0xcc, n));
  else if (n >= 0 && n < 0x10000) out.push(fixed(0xcd, 2, (buf) => buf.writeUInt16BE(n, 1)));
  else if (n >= 0 && n < 2 ** 32) out.push(fixed(0xce, 4, (buf) => buf.writeUInt32BE(n, 1)));
  else if (n >= 0) out.push(fixed(0xcf, 8, (buf) => buf.writeBigUInt64BE(BigInt(n), 1)));
  else if (n >= -0x80) out.push(fixed(0xd0, 1, (buf) => buf.writeInt8(n, 1)));
  else if (n >= -0x8000) out.push(fixed(0xd1, 2, (buf) => buf.writeInt16BE(n, 1)));
  else if (n >= -(2 ** 31)) out.push(fixed(0xd2, 4, (buf) => buf.writeInt32BE(n, 1)));
  else out.push(fixed(0xd3, 8, (buf) => buf.writeBigInt64BE(BigInt(n), 1)));
}

function fixed(type: number, size: number, fill: (buf: Buffer) => void): Buffer {
  const buf = Buffer.alloc(1 + size);
  buf[0] = type;
  fill(buf);
  return buf;
}

function writeString(s: string, out: Buffer[]): void {
  const bytes = Buffer.from(s, 'utf8');
  out.push(bytes.length < 32 ? Buffer.of(0xa0 | bytes.length) : header(bytes.length, [0xd9, 0xda, 0xdb]), bytes);
}

// Timestamp 96: nanoseconds (uint32) then seconds (int64), the form that holds any instant.
function writeTimestamp(date: Date, out: Buffer[]): void {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  const buf = Buffer.alloc(15);
  buf[0] = 0xc7;
  buf[1] = 12;
  buf.writeInt8(TIMESTAMP_EXT, 2);
  buf.writeUInt32BE((ms - seconds * 1000) * 1e6, 3);
  buf.writeBigInt64BE(BigInt(seconds), 7);
  out.push(buf);
}

export function decodeMsgpack(bytes: Uint8Array): MsgpackValue {
  const reader = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const value = reader.value();
  if (reader.offset !== reader.buf.length) throw new Error('msgpack: trailing bytes');
  return value;
}

class Reader {
  offset = 0;
  constructor(readonly buf: Buffer) {}

  value(): MsgpackValue {
    const type = this.u8();
    if (type < 0x80) return type;
    if (type >= 0xe0) return type - 0x100;
    if (type >= 0x80 && type <= 0x8f) return this.map(type & 0x0f);
    if (type >= 0x90 && type <= 0x9f) return this.array(type & 0x0f);
    if (type >= 0xa0 && type <= 0xbf) return this.string(type & 0x1f);
    switch (type) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.bytes(this.u8());
      case 0xc5:
        return this.bytes(this.read(2).readUInt16BE());
      case 0xc6:
        return this.bytes(this.read(4).readUInt32BE());
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.read(2).readUInt16BE());
      case 0xc9:
        return this.ext(this.read(4).readUInt32BE());
      case 0xca:
        return this.read(4).readFloatBE();
      case 0xcb:
        return this.read(8).readDoubleBE();
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.read(2).readUInt16BE();
      case 0xce:
        return this.read(4).readUInt32BE();
      case 0xcf:
        return Number(this.read(8).readBigUInt64BE());
      case 0xd0:
        return this.read(1).readInt8();
      case 0xd1:
        return this.read(2).readInt16BE();
      case 0xd2:
        return this.read(4).readInt32BE();
      case 0xd3:
        return Number(this.read(8).readBigInt64BE());
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return this.ext(1 << (type - 0xd4));
      case 0xd9:
        return this.string(this.u8());
      case 0xda:
        return this.string(this.read(2).readUInt16BE());
      case 0xdb:
        return this.string(this.read(4).readUInt32BE());
      case 0xdc:
        return this.array(this.read(2).readUInt16BE());
      case 0xdd:
        return this.array(this.read(4).readUInt32BE());
      case 0xde:
        return this.map(this.read(2).readUInt16BE());
      case 0xdf:
        return this.map(this.read(4).readUInt32BE());
      default:
        throw new Error(`msgpack: unsupported type 0x${type.toString(16)}`);
    }
  }

  private u8(): number {
    return this.read(1)[0];
  }

  private read(length: number): Buffer {
    if (this.offset + length > this.buf.length) throw new Error('msgpack: truncated');
    const slice = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  private bytes(length: number): Uint8Array {
    return new Uint8Array(this.read(length));
  }

  private string(length: number): string {
    return this.read(length).toString('utf8');
  }

  private array(length: number): MsgpackValue[] {
    return Array.from({ length }, () => this.value());
  }

  private map(length: number): { [key: string]: MsgpackValue } {
    const map: { [key: string]: MsgpackValue } = {};
    for (let i = 0; i < length; i++) {
      const key = this.value();
      map[String(key)] = this.value();
    }
    return map;
  }

  private ext(length: number): Date {
    const type = this.read(1).readInt8();
    const data = this.read(length);
    if (type !== TIMESTAMP_EXT) throw new Error(`msgpack: unsupported extension ${type}`);
    if (length === 4) return new Date(data.readUInt32BE() * 1000);
    if (length === 8) {
      const nanos = data.readUInt32BE() >>> 2;
      const seconds = (data.readUInt32BE() & 0x3) * 2 ** 32 + data.readUInt32BE(4);
      return new Date(seconds * 1000 + Math.floor(nanos / 1e6));
    }
    if (length === 12) return new Date(Number(data.readBigInt64BE(4)) * 1000 + Math.floor(data.readUInt32BE() / 1e6));
    throw new Error('msgpack: bad timestamp');
  }
}
