// Draws the Openline icons (a white handset on blue) into public/icons/ as PNGs and SVG.
// Uses only Node built-ins: shapes are signed-distance functions, 4×4 supersampled.
// Run: node scripts/generate-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const OUT = new URL('../public/icons/', import.meta.url);
const BG_TOP = [0x1a, 0x73, 0xe8];
const BG_BOTTOM = [0x0b, 0x4a, 0xb8];

// Glyph geometry in unit coordinates (0..1, y down), before scaling into the safe area.
const ARC = {
  cx: 0.5,
  cy: 0.66,
  r: 0.36,
  half: 0.07,
  from: (198 * Math.PI) / 180,
  to: (342 * Math.PI) / 180,
};
const CAP = { len: 0.13, r: 0.115 };
const TILT = 0;

const arcPoint = (a) => [ARC.cx + ARC.r * Math.cos(a), ARC.cy + ARC.r * Math.sin(a)];

function capsule(px, py, ax, ay, bx, by, r) {
  const pax = px - ax,
    pay = py - ay,
    bax = bx - ax,
    bay = by - ay;
  const h = Math.max(0, Math.min(1, (pax * bax + pay * bay) / (bax * bax + bay * bay)));
  return Math.hypot(pax - bax * h, pay - bay * h) - r;
}

function caps() {
  return [ARC.from, ARC.to].map((a) => {
    // earpiece and mouthpiece both point down, like a handset lying on its cradle
    const [x, y] = arcPoint(a);
    return [x, y, x, y + CAP.len];
  });
}
const CAPS = caps();

/** Signed distance to the handset (negative inside), unit coordinates. */
function handset(x, y) {
  // rotate around the glyph centre
  const gx = 0.5,
    gy = 0.5;
  const c = Math.cos(-TILT),
    s = Math.sin(-TILT);
  const rx = gx + (x - gx) * c - (y - gy) * s;
  const ry = gy + (x - gx) * s + (y - gy) * c;
  let a = Math.atan2(ry - ARC.cy, rx - ARC.cx);
  if (a < 0) a += 2 * Math.PI;
  let d;
  if (a >= ARC.from && a <= ARC.to) d = Math.abs(Math.hypot(rx - ARC.cx, ry - ARC.cy) - ARC.r) - ARC.half;
  else d = Infinity;
  for (const [ax, ay, bx, by] of CAPS) d = Math.min(d, capsule(rx, ry, ax, ay, bx, by, CAP.r));
  return d;
}

function roundedRect(x, y, size, radius) {
  const qx = Math.abs(x - size / 2) - (size / 2 - radius);
  const qy = Math.abs(y - size / 2) - (size / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** @param {{size:number, glyph:number, corner:number}} o glyph = fraction of the size the glyph box takes */
function draw({ size, glyph, corner }) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  const box = size * glyph;
  const offset = (size - box) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bgCover = 0,
        fgCover = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const fx = x + (sx + 0.5) / S,
            fy = y + (sy + 0.5) / S;
          const inBg = corner > 0 ? roundedRect(fx, fy, size, corner * size) <= 0 : true;
          if (!inBg) continue;
          bgCover++;
          if (handset((fx - offset) / box, (fy - offset) / box) <= 0) fgCover++;
        }
      }
      const n = S * S;
      const t = y / (size - 1);
      const bg = BG_TOP.map((v, i) => v + (BG_BOTTOM[i] - v) * t);
      const alpha = bgCover / n;
      const f = bgCover ? fgCover / bgCover : 0;
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) px[i + k] = Math.round(bg[k] * (1 - f) + 255 * f);
      px[i + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, size, px);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const f = (n) => Math.round(n * 1000) / 10; // unit → 0..100 viewBox
  const [sx, sy] = arcPoint(ARC.from);
  const [ex, ey] = arcPoint(ARC.to);
  const glyph = 0.62,
    off = (1 - glyph) / 2;
  const capLines = CAPS.map(
    ([ax, ay, bx, by]) =>
      `<line x1="${f(ax)}" y1="${f(ay)}" x2="${f(bx)}" y2="${f(by)}" stroke-width="${f(CAP.r * 2)}"/>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1a73e8"/><stop offset="1" stop-color="#0b4ab8"/></linearGradient></defs>
<rect width="100" height="100" rx="22" fill="url(#g)"/>
<g transform="translate(${f(off)} ${f(off)}) scale(${glyph}) rotate(${(TILT * 180) / Math.PI} 50 50)" fill="none" stroke="#fff" stroke-linecap="round">
<path d="M${f(sx)} ${f(sy)}A${f(ARC.r)} ${f(ARC.r)} 0 0 1 ${f(ex)} ${f(ey)}" stroke-width="${f(ARC.half * 2)}"/>${capLines}
</g>
</svg>
`;
}

mkdirSync(OUT, { recursive: true });
const icons = [
  ['icon-192.png', { size: 192, glyph: 0.62, corner: 0.22 }],
  ['icon-512.png', { size: 512, glyph: 0.62, corner: 0.22 }],
  // maskable: full bleed, glyph inside the 80 % safe circle
  ['icon-maskable-512.png', { size: 512, glyph: 0.5, corner: 0 }],
  ['apple-touch-icon.png', { size: 180, glyph: 0.56, corner: 0 }],
];
for (const [name, options] of icons) {
  writeFileSync(new URL(name, OUT), draw(options));
  console.log('wrote', name);
}
writeFileSync(new URL('icon.svg', OUT), svg());
console.log('wrote icon.svg');
