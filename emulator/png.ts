/** A minimal PNG encoder (node's zlib): QR codes for the WeChat open-API fakes and demo photos. */
import zlib from 'zlib'

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

/**
 * Encodes raw scanlines (each row: one filter byte 0, then pixels) as PNG.
 * 'gray' = 1 byte per pixel, 'rgb' = 3 bytes per pixel, 8-bit depth.
 */
export function encodePng(width: number, height: number, kind: 'gray' | 'rgb', raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = kind === 'gray' ? 0 : 2
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** A 320×240 picture of a village lane (sky, hills, a green field, a path): a stand-in evidence photo. */
export function demoScenePng(seed: number): Buffer {
  const w = 320
  const h = 240
  const raw = Buffer.alloc((w * 3 + 1) * h)
  const hill = (x: number) => 110 + 18 * Math.sin((x + seed * 37) / 40) + 8 * Math.sin((x + seed * 11) / 13)
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < w; x++) {
      let c: [number, number, number]
      const pathLeft = 150 - (y - 140) * 0.6
      const pathRight = 170 + (y - 140) * 0.6
      if (y < hill(x)) c = [120 + y / 3, 170 + y / 4, 235]
      else if (y > 140 && x > pathLeft && x < pathRight) c = [196, 170, 128]
      else c = [70 + ((x * 7 + y * 3 + seed) % 23), 140 + ((x + y * 5) % 19), 60]
      const o = row + 1 + x * 3
      raw[o] = Math.min(255, c[0])
      raw[o + 1] = Math.min(255, c[1])
      raw[o + 2] = Math.min(255, c[2])
    }
  }
  return encodePng(w, h, 'rgb', raw)
}
