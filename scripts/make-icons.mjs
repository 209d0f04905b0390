// Draws the Kindling flame icon as PNGs (no image tools needed): node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A flame: a teardrop (circle below, point above) with a lighter inner flame.
function inFlame(x, y, scale) {
  const cx = 0.5,
    cy = 0.6,
    r = 0.2 * scale;
  const dx = x - cx,
    dy = y - cy;
  if (dy >= 0) return dx * dx + dy * dy <= r * r;
  const top = cy - 0.42 * scale;
  if (y < top) return false;
  const t = (y - top) / (cy - top);
  return Math.abs(dx) <= r * Math.sqrt(t) * (0.7 + 0.3 * t);
}

function icon(maskable) {
  const scale = maskable ? 0.7 : 1;
  return (x, y) => {
    const corner = 0.18;
    const qx = Math.max(corner - x, x - (1 - corner), 0),
      qy = Math.max(corner - y, y - (1 - corner), 0);
    if (!maskable && qx * qx + qy * qy > corner * corner) return [0, 0, 0, 0];
    const sx = 0.5 + (x - 0.5) / scale,
      sy = 0.5 + (y - 0.5) / scale;
    if (inFlame(sx, sy - 0.02, 0.55)) return [254, 215, 170, 255];
    if (inFlame(sx, sy, 1)) return [249, 115, 22, 255];
    return [124, 45, 18, 255];
  };
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', png(192, icon(false)));
writeFileSync('public/icons/icon-512.png', png(512, icon(false)));
writeFileSync('public/icons/maskable-512.png', png(512, icon(true)));
console.log('icons written to public/icons');
