/**
 * Product pictures for the demo goods, drawn in code (no network, no image files): a 240×240 illustration per kind
 * of goods — a tissue pack, a soap bar, a detergent box, a dish-soap bottle, a folded towel, a rice sack, an oil jug.
 */
import { encodePng } from '../png'

type Rgb = [number, number, number]

class Canvas {
  readonly px: Buffer
  constructor(readonly w: number, readonly h: number, bg: Rgb) {
    this.px = Buffer.alloc(w * h * 3)
    this.rect(0, 0, w, h, bg)
  }
  set(x: number, y: number, c: Rgb) {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return
    const o = (y * this.w + x) * 3
    this.px[o] = c[0]
    this.px[o + 1] = c[1]
    this.px[o + 2] = c[2]
  }
  rect(x0: number, y0: number, w: number, h: number, c: Rgb, radius = 0) {
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const dx = Math.max(x0 + radius - x, 0, x - (x0 + w - 1 - radius))
        const dy = Math.max(y0 + radius - y, 0, y - (y0 + h - 1 - radius))
        if (radius && dx * dx + dy * dy > radius * radius) continue
        this.set(x, y, c)
      }
    }
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb) {
    for (let y = Math.floor(cy - ry); y <= cy + ry; y++) {
      for (let x = Math.floor(cx - rx); x <= cx + rx; x++) {
        if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) this.set(x, y, c)
      }
    }
  }
  /** A triangle given by its three corners. */
  triangle(a: [number, number], b: [number, number], c: [number, number], col: Rgb) {
    const minX = Math.floor(Math.min(a[0], b[0], c[0]))
    const maxX = Math.ceil(Math.max(a[0], b[0], c[0]))
    const minY = Math.floor(Math.min(a[1], b[1], c[1]))
    const maxY = Math.ceil(Math.max(a[1], b[1], c[1]))
    const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const s1 = side(a, b, x, y)
        const s2 = side(b, c, x, y)
        const s3 = side(c, a, x, y)
        if ((s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)) this.set(x, y, col)
      }
    }
  }
  png(): Buffer {
    const raw = Buffer.alloc((this.w * 3 + 1) * this.h)
    for (let y = 0; y < this.h; y++) {
      raw[y * (this.w * 3 + 1)] = 0
      this.px.copy(raw, y * (this.w * 3 + 1) + 1, y * this.w * 3, (y + 1) * this.w * 3)
    }
    return encodePng(this.w, this.h, 'rgb', raw)
  }
}

const WHITE: Rgb = [255, 255, 255]
const SHADOW: Rgb = [222, 222, 216]

function tissue(c: Canvas) {
  c.ellipse(120, 196, 86, 12, SHADOW)
  c.rect(40, 80, 160, 110, [66, 133, 200], 14)
  c.rect(40, 80, 160, 18, [52, 110, 170], 8)
  c.ellipse(120, 130, 38, 14, [230, 240, 250])
  c.triangle([96, 126], [144, 126], [120, 62], WHITE)
  c.rect(60, 160, 120, 10, [250, 214, 90], 4)
}

function soap(c: Canvas) {
  c.ellipse(120, 178, 84, 14, SHADOW)
  c.rect(44, 96, 152, 76, [240, 150, 170], 34)
  c.rect(62, 112, 116, 14, [250, 190, 205], 7)
  c.ellipse(168, 82, 12, 12, [225, 240, 250])
  c.ellipse(188, 66, 8, 8, [225, 240, 250])
  c.ellipse(150, 60, 6, 6, [225, 240, 250])
}

function detergent(c: Canvas) {
  c.ellipse(120, 204, 70, 10, SHADOW)
  c.rect(62, 50, 116, 150, [245, 140, 40], 8)
  c.rect(62, 50, 116, 26, [225, 110, 20], 6)
  c.rect(84, 56, 72, 10, [255, 230, 200], 4)
  c.rect(62, 110, 116, 40, [40, 120, 200])
  c.ellipse(120, 130, 16, 16, WHITE)
}

function dishSoap(c: Canvas) {
  c.ellipse(120, 206, 50, 9, SHADOW)
  c.rect(106, 30, 28, 22, [220, 60, 60], 4)
  c.rect(110, 50, 20, 24, [120, 200, 120])
  c.rect(76, 70, 88, 132, [110, 196, 110], 22)
  c.rect(90, 110, 60, 56, WHITE, 8)
  c.ellipse(120, 138, 16, 16, [250, 214, 90])
}

function towel(c: Canvas) {
  c.ellipse(120, 192, 90, 12, SHADOW)
  c.rect(36, 88, 168, 100, [90, 170, 210], 10)
  for (let i = 0; i < 5; i++) c.rect(36, 98 + i * 18, 168, 6, [200, 232, 245])
  c.rect(36, 88, 168, 28, [70, 150, 195], 10)
}

function rice(c: Canvas) {
  c.ellipse(120, 206, 82, 10, SHADOW)
  c.rect(52, 62, 136, 140, [236, 220, 180], 24)
  c.triangle([52, 74], [92, 44], [100, 74], [236, 220, 180])
  c.triangle([188, 74], [148, 44], [140, 74], [236, 220, 180])
  c.rect(70, 110, 100, 54, [200, 40, 40], 8)
  for (let i = 0; i < 6; i++) c.ellipse(92 + i * 11, 137, 4, 7, WHITE)
}

function oil(c: Canvas) {
  c.ellipse(120, 208, 74, 10, SHADOW)
  c.rect(56, 62, 128, 142, [250, 205, 60], 16)
  c.rect(140, 36, 30, 30, [200, 50, 40], 6)
  c.rect(70, 40, 48, 26, [235, 180, 40], 10)
  c.rect(74, 120, 92, 56, [60, 140, 60], 8)
  c.ellipse(120, 148, 14, 20, [250, 230, 120])
}

function generic(c: Canvas) {
  c.ellipse(120, 198, 80, 10, SHADOW)
  c.rect(60, 70, 120, 126, [200, 22, 29], 12)
  c.rect(60, 70, 120, 24, [161, 16, 22], 10)
  c.ellipse(120, 140, 24, 24, [250, 214, 90])
}

const DRAWINGS: Array<[RegExp, (c: Canvas) => void]> = [
  [/纸/, tissue],
  [/皂/, soap],
  [/洗衣/, detergent],
  [/洗洁|洗涤/, dishSoap],
  [/巾/, towel],
  [/米|面/, rice],
  [/油/, oil]
]

/** A PNG picture of a goods item, chosen by its name. */
export function goodsPicturePng(name: string): Buffer {
  const c = new Canvas(240, 240, [250, 247, 240])
  const draw = DRAWINGS.find(([re]) => re.test(name))?.[1] ?? generic
  draw(c)
  return c.png()
}
