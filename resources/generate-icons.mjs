// Draws the application icon (a counter window — « guichet » — on a blue rounded square) and writes the PNGs
// electron-builder uses: resources/icon.png (512 px, Windows; converted to .ico at build) and
// resources/icons/256x256.png, 512x512.png (Linux). Node built-ins only (zlib for the PNG stream).
// Run: node resources/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
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
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1), as "inside" tests.
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// An arched window: a rectangle topped by a half disc.
const arch = (x0, x1, yTop, yBottom) => {
  const r = (x1 - x0) / 2;
  const cx = x0 + r;
  const cy = yTop + r;
  return (x, y) => x >= x0 && x <= x1 && y <= yBottom && (y >= cy || (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
};
const background = roundedRect(0.04, 0.04, 0.96, 0.96, 0.2);
const windowOuter = arch(0.24, 0.76, 0.2, 0.66);
const windowInner = arch(0.3, 0.7, 0.26, 0.66);
const counter = roundedRect(0.16, 0.64, 0.84, 0.74, 0.03);
const bars = (x, y) => windowInner(x, y) && y > 0.4 && Math.abs(x - 0.5) < 0.018;

const blue = [25, 113, 194];
const white = [255, 255, 255];
const paleBlue = [208, 235, 255];

function colourAt(x, y) {
  if (!background(x, y)) return null;
  if (counter(x, y)) return white;
  if (windowOuter(x, y) && !windowInner(x, y)) return white;
  if (bars(x, y)) return white;
  if (windowInner(x, y)) return paleBlue;
  return blue;
}

function draw(size) {
  const samples = 4; // 4×4 supersampling: smooth edges
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a++;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return png(size, rgba);
}

mkdirSync(join(here, 'icons'), { recursive: true });
const large = draw(512);
writeFileSync(join(here, 'icon.png'), large);
writeFileSync(join(here, 'icons', '512x512.png'), large);
writeFileSync(join(here, 'icons', '256x256.png'), draw(256));
console.log('resources/icon.png, resources/icons/256x256.png, resources/icons/512x512.png');
