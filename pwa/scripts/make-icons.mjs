/**
 * Draws the app icons (a pizza on a tomato-red tile) as real PNG files with
 * node's zlib only: 192 and 512 px "any" icons and a 512 px maskable one whose
 * pizza stays inside the safe circle. Run: node pwa/scripts/make-icons.mjs
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "public", "icons");

const TILE = [178, 34, 34, 255];
const CRUST = [226, 160, 72, 255];
const SAUCE = [205, 62, 38, 255];
const CHEESE = [250, 214, 110, 255];
const PEPPERONI = [140, 24, 24, 255];
const BASIL = [60, 130, 60, 255];
const CLEAR = [0, 0, 0, 0];

/** Colour of one pixel, in a unit square centred on (0, 0). */
function paint(x, y, { maskable }) {
  const pizzaRadius = maskable ? 0.34 : 0.4;
  const inTile = maskable || roundedSquare(x, y, 0.5, 0.11);
  if (!inTile) return CLEAR;

  const r = Math.hypot(x, y) / pizzaRadius;
  if (r > 1) return TILE;
  if (r > 0.84) return CRUST;
  for (const [px, py] of [
    [-0.4, -0.35],
    [0.38, -0.3],
    [0.05, 0.42],
    [-0.35, 0.3],
    [0.4, 0.28],
  ]) {
    if (Math.hypot(x / pizzaRadius - px, y / pizzaRadius - py) < 0.16) return PEPPERONI;
  }
  for (const [bx, by] of [
    [0, -0.05],
    [-0.1, -0.55],
    [0.55, 0.02],
  ]) {
    if (Math.hypot(x / pizzaRadius - bx, y / pizzaRadius - by) < 0.08) return BASIL;
  }
  const swirl = Math.sin(x * 40) * Math.cos(y * 37);
  return swirl > 0.35 ? SAUCE : CHEESE;
}

function roundedSquare(x, y, half, radius) {
  const dx = Math.max(Math.abs(x) - (half - radius), 0);
  const dy = Math.max(Math.abs(y) - (half - radius), 0);
  return Math.hypot(dx, dy) <= radius;
}

function drawPng(size, options) {
  const rows = [];
  for (let row = 0; row < size; row++) {
    const line = Buffer.alloc(1 + size * 4);
    for (let col = 0; col < size; col++) {
      const rgba = paint((col + 0.5) / size - 0.5, (row + 0.5) / size - 0.5, options);
      line.set(rgba, 1 + col * 4);
    }
    rows.push(line);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const icons = [
  ["icon-192.png", 192, { maskable: false }],
  ["icon-512.png", 512, { maskable: false }],
  ["icon-maskable-512.png", 512, { maskable: true }],
  ["apple-touch-icon-180.png", 180, { maskable: true }],
];
for (const [name, size, options] of icons) {
  writeFileSync(join(outDir, name), drawPng(size, options));
  console.log(`wrote ${name} (${size}x${size})`);
}
