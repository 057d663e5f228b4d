/**
 * Draws the add-in's icons (excel-addin/assets/icon-<size>.png): a green tile with three white
 * rising bars — a chart of qualified research expenses. Plain PNG written with zlib, so no
 * image library is needed. Run once after a design change; the PNGs are kept in the repository.
 *
 *   node -r ./scripts/register.js scripts/excel-icons.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
export const ICON_DIR = path.join(__dirname, '..', 'excel-addin', 'assets');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels of the icon at `size` × `size`. */
function draw(size: number): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const radius = size * 0.18;
  const inTile = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
  const bars = [0.35, 0.55, 0.75].map((h, i) => ({
    x0: size * (0.2 + i * 0.22),
    x1: size * (0.2 + i * 0.22 + 0.16),
    top: size * (0.82 - h * 0.8),
  }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const cx = x + 0.5;
      const cy = y + 0.5;
      if (!inTile(cx, cy)) continue;
      const white = bars.some((b) => cx >= b.x0 && cx < b.x1 && cy >= b.top && cy < size * 0.82);
      const [r, g, b] = white ? [255, 255, 255] : [0x10, 0x7c, 0x41];
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = 255;
    }
  }
  return px;
}

export function iconPng(size: number): Buffer {
  const px = draw(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  fs.mkdirSync(ICON_DIR, { recursive: true });
  for (const s of ICON_SIZES) fs.writeFileSync(path.join(ICON_DIR, `icon-${s}.png`), iconPng(s));
}
