// Draws Bana's app icons (public/icons/*.png): a falling emission trajectory over its target line on
// the app's accent blue. Plain Node (zlib for PNG), so anyone can redraw them: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x0b, 0x5c, 0xad];
const WHITE = [255, 255, 255];
const PALE = [0x9c, 0xc7, 0xf0];
/** The drawing in a 512 × 512 frame: the trajectory falls in steps towards the target line. */
const TRAJECTORY = [
  [112, 136],
  [200, 200],
  [264, 232],
  [320, 312],
  [400, 376],
];
const TARGET = [
  [112, 408],
  [400, 408],
];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function nearLine(x, y, points, halfWidth) {
  for (let i = 1; i < points.length; i++) {
    if (distanceToSegment(x, y, points[i - 1], points[i]) <= halfWidth) return true;
  }
  return false;
}

function insideRoundedSquare(x, y, inset, radius) {
  const lo = inset + radius;
  const hi = 512 - inset - radius;
  const cx = Math.max(lo, Math.min(hi, x));
  const cy = Math.max(lo, Math.min(hi, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** The colour (or undefined: transparent) at a point of the 512 frame. */
function paint(x, y, fullBleed) {
  // Maskable icons are cropped to a circle of 80 %: the drawing shrinks to 64 % around the centre.
  const [u, v] = fullBleed ? [256 + (x - 256) / 0.64, 256 + (y - 256) / 0.64] : [x, y];
  if (!fullBleed && !insideRoundedSquare(x, y, 16, 96)) return undefined;
  if (Math.hypot(u - 400, v - 376) <= 30) return WHITE;
  if (nearLine(u, v, TRAJECTORY, 20)) return WHITE;
  if (nearLine(u, v, TARGET, 8)) return PALE;
  return ACCENT;
}

/** RGBA pixels, 4 × 4 supersampled so edges are smooth. */
function draw(size, fullBleed) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 512 / size;
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = paint((x + (sx + 0.5) / n) * scale, (y + (sy + 0.5) / n) * scale, fullBleed);
          if (colour === undefined) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 1;
        }
      }
      const at = (y * size + x) * 4;
      const covered = sum[3];
      pixels[at] = covered ? Math.round(sum[0] / covered) : 0;
      pixels[at + 1] = covered ? Math.round(sum[1] / covered) : 0;
      pixels[at + 2] = covered ? Math.round(sum[2] / covered) : 0;
      pixels[at + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
for (const [name, size, fullBleed] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
]) {
  writeFileSync(new URL(name, out), png(size, draw(size, fullBleed)));
}
