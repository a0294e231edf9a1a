#!/usr/bin/env node
/**
 * Draws resources/icon.png (512×512): a white hook with an arrow head on a rounded teal square.
 * Pure Node (zlib for the PNG), anti-aliased by supersampling. Run again only to change the icon.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4

function crc32(buf) {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

function png(width, height, rgba) {
  const rows = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function inRoundedSquare(x, y) {
  const m = 24
  const r = 104
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r)
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

function distToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - ax - t * dx, y - ay - t * dy)
}

const STROKE = 22
const BEND = { x: 236, y: 318, r: 78 }

/** The hook: an eye at the top, a shank, a round bend, and a barbed point. */
function inHook(x, y) {
  const eye = Math.abs(Math.hypot(x - 314, y - 104) - 30) <= STROKE * 0.6
  const shank = distToSegment(x, y, [314, 156], [314, BEND.y]) <= STROKE
  const d = Math.hypot(x - BEND.x, y - BEND.y)
  const bend = y >= BEND.y && Math.abs(d - BEND.r) <= STROKE
  const point = distToSegment(x, y, [BEND.x - BEND.r, BEND.y], [BEND.x - BEND.r, 236]) <= STROKE
  const barb = distToSegment(x, y, [BEND.x - BEND.r, 222], [BEND.x - BEND.r + 44, 268]) <= STROKE
  const tip = distToSegment(x, y, [BEND.x - BEND.r, 222], [BEND.x - BEND.r - 44, 268]) <= STROKE
  return eye || shank || bend || point || barb || tip
}

function pixel(x, y) {
  let bg = 0
  let fg = 0
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const px = x + (sx + 0.5) / SAMPLES
      const py = y + (sy + 0.5) / SAMPLES
      if (!inRoundedSquare(px, py)) continue
      bg++
      if (inHook(px, py)) fg++
    }
  }
  const n = SAMPLES * SAMPLES
  const t = y / SIZE
  const base = [Math.round(16 + 10 * t), Math.round(148 - 40 * t), Math.round(160 - 20 * t)]
  const mix = fg / Math.max(bg, 1)
  const rgb = base.map((c) => Math.round(c + (255 - c) * mix))
  return [...rgb, Math.round((255 * bg) / n)]
}

const rgba = Buffer.alloc(SIZE * SIZE * 4)
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) rgba.set(pixel(x, y), (y * SIZE + x) * 4)
}
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icon.png')
writeFileSync(out, png(SIZE, SIZE, rgba))
console.log(`wrote ${out}`)
