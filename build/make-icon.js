#!/usr/bin/env node
// Draws build/icon.png, the app icon: a white arrow dropping into a tray (collecting) on a blue rounded
// square. 256x256 RGBA, anti-aliased by 4x4 supersampling, written with node:zlib alone so it needs no image
// tools. electron-builder turns it into the Windows .ico. Run `node build/make-icon.js` after changing it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export const ICON_SIZE = 256;
const SUBSAMPLES = 4;

const TOP = [37, 99, 235]; // #2563eb
const BOTTOM = [30, 64, 175]; // #1e40af
const WHITE = [255, 255, 255];

/** Distance from (x, y) to the segment (ax, ay)-(bx, by). */
function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function inRoundedSquare(x, y) {
  const margin = 8;
  const radius = 52;
  const min = margin + radius;
  const max = ICON_SIZE - margin - radius;
  const cx = Math.max(min, Math.min(max, x));
  const cy = Math.max(min, Math.min(max, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const side = (px, py, qx, qy) => (qx - px) * (y - py) - (qy - py) * (x - px);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

function inMark(x, y) {
  const shaft = x >= 115 && x <= 141 && y >= 44 && y <= 122;
  const head = inTriangle(x, y, [80, 112], [176, 112], [128, 162]);
  const stroke = 12; // half the tray's line width
  const tray =
    segmentDistance(x, y, 60, 148, 60, 198) <= stroke ||
    segmentDistance(x, y, 60, 198, 196, 198) <= stroke ||
    segmentDistance(x, y, 196, 198, 196, 148) <= stroke;
  return shaft || head || tray;
}

/** RGBA pixels, row by row. */
export function drawIcon() {
  const pixels = Buffer.alloc(ICON_SIZE * ICON_SIZE * 4);
  const samples = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < ICON_SIZE; py++) {
    const t = py / (ICON_SIZE - 1);
    const background = TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
    for (let px = 0; px < ICON_SIZE; px++) {
      let covered = 0;
      let mark = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = px + (sx + 0.5) / SUBSAMPLES;
          const y = py + (sy + 0.5) / SUBSAMPLES;
          if (!inRoundedSquare(x, y)) continue;
          covered++;
          if (inMark(x, y)) mark++;
        }
      }
      const offset = (py * ICON_SIZE + px) * 4;
      const markShare = covered === 0 ? 0 : mark / covered;
      for (let i = 0; i < 3; i++) {
        pixels[offset + i] = Math.round(background[i] + (WHITE[i] - background[i]) * markShare);
      }
      pixels[offset + 3] = Math.round((255 * covered) / samples);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace, every scanline with filter type 0. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
  writeFileSync(file, encodePng(ICON_SIZE, ICON_SIZE, drawIcon()));
  console.log(`Wrote ${file}`);
}
