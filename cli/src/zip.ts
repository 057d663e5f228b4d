/**
 * The zip container of an .xlsx (ECMA-376 Part 2; PKWARE APPNOTE 6.3 §4.3), read the careful
 * way: the central directory first — entry count, every entry's declared sizes and ratio
 * checked against LIMITS before a byte is inflated — then only the parts the reader asks for,
 * inflated in small chunks (fflate) with a counter that stops at the size the directory
 * declared, so a lying header cannot make the reader hold more than it agreed to.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';
import type { Inflate as FflateInflate } from 'fflate';
import { LIMITS, UnusableInput, count, megabytes } from './read-limits';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** CRC-32 of the uncompressed part, as the directory records it (APPNOTE §4.4.7). */
  readonly crc32: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to the inflater at a time: at most ~1,032× this comes out per step. */
const CHUNK = 16 * 1024;
/**
 * A part that declares at most this many uncompressed bytes is inflated in one native call
 * (zlib, bounded by maxOutputLength = the declared size, so a lying header still stops there,
 * into one buffer of the declared size: no chunks to join). Native inflation is 3–4× faster
 * than a JavaScript inflater on its first (cold) use, which is the only use a command has; a
 * worksheet of 200,000 study rows is about 47 MB. Larger parts are inflated in CHUNK steps
 * (fflate), so their text is never held whole and memory stays bounded.
 */
const ONE_SHOT_BYTES = 64 * 1024 * 1024;
/** An inflated part is handed on in steps of this many bytes (the progress bar moves between them). */
const HAND_ON_BYTES = 1024 * 1024;

const damaged = (what: string) =>
  new UnusableInput(
    `could not be read as an .xlsx workbook: ${what}; copy or download it again, or open it in Excel and save it again`,
    'file/damaged',
  );

/** An open .xlsx package: its directory (lower-cased part name → entry) and the file it reads from. */
export class ZipPackage {
  /** Parts declaring more than this are inflated in steps (tests lower it to read through that path). */
  static oneShotBytes = ONE_SHOT_BYTES;

  private constructor(
    private readonly fd: number,
    private readonly fileSize: number,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  /** Read and check the central directory. The caller closes the package. */
  static open(fd: number): ZipPackage {
    const fileSize = fs.fstatSync(fd).size;
    const tailLength = Math.min(fileSize, 22 + 0xffff); // the end record + the longest comment
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, fileSize - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0)
      throw damaged('its zip directory is missing (the file is cut short or is not a complete zip package)');
    const entryCount = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    const zip64 =
      (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_EOCD_LOCATOR) ||
      entryCount === 0xffff ||
      dirSize === 0xffffffff ||
      dirOffset === 0xffffffff;
    if (zip64) {
      throw new UnusableInput(
        'is a zip64 package (the format for archives over 4 GB or 65,535 parts), which no study needs and rdtax does not read; open it in Excel and save it again',
        'file/too-large',
      );
    }
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0)
      throw damaged('it is one part of a split (multi-disk) zip archive');
    if (entryCount > LIMITS.zipEntries) {
      throw new UnusableInput(
        `has ${count(entryCount)} parts in its zip package, more than rdtax opens (${count(LIMITS.zipEntries)}); a study has a few dozen, so it is damaged or crafted`,
        'file/too-large',
      );
    }
    if (dirSize > LIMITS.zipDirectoryBytes)
      throw new UnusableInput(
        `has a zip directory of ${megabytes(dirSize)}, more than rdtax reads (${megabytes(LIMITS.zipDirectoryBytes)}); it is damaged or crafted`,
        'file/too-large',
      );
    const eocdAt = fileSize - tailLength + eocd;
    if (dirOffset + dirSize > eocdAt)
      throw damaged('its zip directory points past the end of the file (the file is cut short)');
    const dir = Buffer.alloc(dirSize);
    fs.readSync(fd, dir, 0, dirSize, dirOffset);

    const entries = new Map<string, ZipEntry>();
    let total = 0;
    let p = 0;
    for (let n = 0; n < entryCount; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw damaged('its zip directory is malformed');
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const crc32 = dir.readUInt32LE(p + 16);
      const compressedSize = dir.readUInt32LE(p + 20);
      const uncompressedSize = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const localHeaderOffset = dir.readUInt32LE(p + 42);
      if (p + 46 + nameLength > dir.length) throw damaged('its zip directory is malformed');
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
      p += 46 + nameLength + extraLength + commentLength;
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        throw new UnusableInput(
          `has a part over 4 GB (${quote(name)}, a zip64 entry), which no study needs; it is damaged or crafted`,
          'file/too-large',
        );
      }
      if (flags & 1) {
        throw new UnusableInput(
          `has an encrypted part (${quote(name)}); open it in Excel, remove the password and save a copy to check`,
          'file/encrypted',
        );
      }
      if (uncompressedSize > LIMITS.partBytes) {
        throw new UnusableInput(
          `has a part ${quote(name)} of ${megabytes(uncompressedSize)} uncompressed, more than rdtax accepts in one part (${megabytes(LIMITS.partBytes)}); remove large pictures or embedded files, or save the study sheets as .csv files in a folder and check the folder`,
          'file/too-large',
        );
      }
      if (uncompressedSize > LIMITS.ratioAppliesAbove && uncompressedSize > LIMITS.compressionRatio * compressedSize) {
        throw new UnusableInput(
          `has a part ${quote(name)} that unpacks to ${megabytes(uncompressedSize)} from ${megabytes(compressedSize)} (${count(uncompressedSize / Math.max(1, compressedSize))}:1, more than the ${LIMITS.compressionRatio}:1 real workbook parts reach), so it looks like a zip bomb and rdtax does not open it`,
          'file/too-large',
        );
      }
      total += uncompressedSize;
      if (total > LIMITS.packageBytes) {
        throw new UnusableInput(
          `unpacks to more than ${megabytes(LIMITS.packageBytes)} (the most rdtax accepts in one .xlsx, reached at part ${quote(name)}); remove large pictures or embedded files, or save the study sheets as .csv files in a folder and check the folder`,
          'file/too-large',
        );
      }
      if (localHeaderOffset + 30 + compressedSize > dirOffset)
        throw damaged(`its part ${quote(name)} points past the zip directory (the file is cut short or malformed)`);
      const key = name.toLowerCase();
      if (entries.has(key)) throw damaged(`it holds the part ${quote(name)} twice`);
      entries.set(key, { name, method, compressedSize, uncompressedSize, localHeaderOffset, crc32 });
    }
    return new ZipPackage(fd, fileSize, entries);
  }

  /** The entry for an OPC part name (case-insensitive, with or without a leading "/"). */
  entry(partName: string): ZipEntry | undefined {
    return this.entries.get(partName.replace(/^\//, '').toLowerCase());
  }

  /**
   * Inflate one part and hand its bytes to `onBytes` in chunks. Stops, with a message naming
   * the part, as soon as more comes out than the directory declared (already checked against
   * the limits) or when the data is cut short or invalid. `onCompressed` is told how many
   * compressed bytes each step used (for a progress bar).
   */
  inflate(entry: ZipEntry, onBytes: (bytes: Uint8Array) => void, onCompressed?: (bytes: number) => void): void {
    const header = Buffer.alloc(30);
    if (fs.readSync(this.fd, header, 0, 30, entry.localHeaderOffset) !== 30 || header.readUInt32LE(0) !== LOCAL) {
      throw damaged(`its part ${quote(entry.name)} is missing where the zip directory says it is`);
    }
    let position = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const end = position + entry.compressedSize;
    if (end > this.fileSize) throw damaged(`its part ${quote(entry.name)} is cut short`);
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw damaged(
        `its part ${quote(entry.name)} uses zip compression method ${entry.method}, not deflate, which Excel never writes`,
      );
    }
    const tooMuch = () =>
      new UnusableInput(
        `has a part ${quote(entry.name)} that unpacks to more than the ${count(entry.uncompressedSize)} bytes its zip directory declares, so it is damaged or crafted and rdtax stops reading it; open it in Excel and save it again`,
        'file/damaged',
      );
    let produced = 0;
    let crc = 0;
    const take = (bytes: Uint8Array) => {
      produced += bytes.length;
      if (produced > entry.uncompressedSize) throw tooMuch();
      crc = crc32Update(crc, bytes);
      if (bytes.length > 0) onBytes(bytes);
    };
    if (entry.method === DEFLATED && entry.uncompressedSize <= ZipPackage.oneShotBytes) {
      const compressed = Buffer.alloc(entry.compressedSize);
      if (
        entry.compressedSize > 0 &&
        fs.readSync(this.fd, compressed, 0, entry.compressedSize, position) !== entry.compressedSize
      )
        throw damaged(`its part ${quote(entry.name)} is cut short`);
      let out: Buffer;
      try {
        // maxOutputLength: zlib stops (RangeError) once more than the declared size would come out.
        // chunkSize one byte past the declared size: the output fits one buffer, never joined.
        out = zlib.inflateRawSync(compressed, {
          maxOutputLength: Math.max(1, entry.uncompressedSize),
          chunkSize: Math.max(64, entry.uncompressedSize + 1),
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooMuch();
        throw damaged(`its part ${quote(entry.name)} has invalid or cut-short compressed data`);
      }
      if (out.length <= HAND_ON_BYTES) {
        take(out);
        onCompressed?.(entry.compressedSize);
      } else {
        let reported = 0;
        for (let at = 0; at < out.length; at += HAND_ON_BYTES) {
          const next = Math.min(out.length, at + HAND_ON_BYTES);
          take(out.subarray(at, next));
          const compressedSoFar = Math.round((entry.compressedSize * next) / out.length);
          onCompressed?.(compressedSoFar - reported);
          reported = compressedSoFar;
        }
      }
    } else {
      const inflater = entry.method === DEFLATED ? new (streamingInflate())((chunk) => take(chunk)) : undefined;
      const buffer = Buffer.alloc(CHUNK);
      while (position < end) {
        const n = fs.readSync(this.fd, buffer, 0, Math.min(CHUNK, end - position), position);
        if (n <= 0) throw damaged(`its part ${quote(entry.name)} is cut short`);
        position += n;
        // A copy: the inflater may keep a reference to its input between pushes.
        const chunk = new Uint8Array(buffer.subarray(0, n));
        if (!inflater) take(chunk);
        else {
          try {
            inflater.push(chunk, position >= end);
          } catch (e) {
            if (e instanceof UnusableInput) throw e;
            throw damaged(`its part ${quote(entry.name)} has invalid or cut-short compressed data`);
          }
        }
        onCompressed?.(n);
      }
    }
    if (produced !== entry.uncompressedSize)
      throw damaged(
        `its part ${quote(entry.name)} holds ${count(produced)} bytes, not the ${count(entry.uncompressedSize)} its zip directory declares`,
      );
    // Damage inside the compressed data can still inflate to the right length: the checksum
    // tells, so a damaged file never reads as numbers that were not in it.
    if (crc >>> 0 !== entry.crc32)
      throw damaged(
        `its part ${quote(entry.name)} fails its checksum (CRC-32), so its contents are not what was saved`,
      );
  }
}

let fflateInflate: typeof FflateInflate | undefined;
/** fflate's streaming inflater, loaded only when a part is large enough to need it (it takes ~15 ms to load). */
function streamingInflate(): typeof FflateInflate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!fflateInflate) fflateInflate = (require('fflate') as typeof import('fflate')).Inflate;
  return fflateInflate;
}

/** CRC-32 (ISO 3309, the polynomial zip uses, reflected 0xEDB88320), table-driven: where zlib has none. */
const CRC_START = 0xffffffff;
let crcTable: Int32Array | undefined;
function jsCrc32Update(value: number, bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = value ^ CRC_START;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ CRC_START) >>> 0;
}
/** The running CRC-32 of bytes following `value` (0 to start): zlib's native one (Node ≥ 20.15) when present. */
const crc32Update: (value: number, bytes: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (value, bytes) => (zlib as unknown as { crc32(b: Uint8Array, v: number): number }).crc32(bytes, value)
    : jsCrc32Update;
/** The CRC-32 of whole bytes, as a zip directory records it. */
export function crc32(bytes: Uint8Array): number {
  return crc32Update(0, bytes) >>> 0;
}

/** A part name in a message: quoted, and cut if a crafted name is long. */
export function quote(name: string): string {
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(shown);
}
