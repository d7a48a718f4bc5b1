/**
 * The points poster (分享海报): drawn on a canvas in the app, saved to the album (WeChat) or downloaded (H5).
 * Only what the share card shows: masked household name, balance, this quarter's points, rank if the village shows
 * ranks, and the 小程序码 back to the group board.
 */
export interface PosterData {
  householdMasked: string
  villageName: string
  balance: number
  quarter: string
  quarterPoints: number
  rank: number | null
}

/** The part of CanvasRenderingContext2D the poster uses (WeChat's canvas 2d and the browser's both have it). */
export interface PosterCtx {
  fillStyle: string | unknown
  font: string
  textAlign: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  drawImage(img: unknown, x: number, y: number, w: number, h: number): void
}

export const POSTER_SIZE = { width: 600, height: 860 } as const

/** Q4 2026 → 2026年第四季度 */
export function quarterLabel(q: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q)
  return m ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : q
}

/** Draws the poster; the QR image is optional (without it, a line tells where to find the app). */
export function drawPoster(ctx: PosterCtx, d: PosterData, qr: unknown | null): void {
  const { width: W, height: H } = POSTER_SIZE
  ctx.fillStyle = '#c8161d'
  ctx.fillRect(0, 0, W, H)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(30, 150, W - 60, H - 180)
  ctx.textAlign = 'center'
  ctx.fillStyle = '#ffffff'
  ctx.font = 'bold 44px sans-serif'
  ctx.fillText(`${d.villageName}积分榜`, W / 2, 90)
  ctx.font = '26px sans-serif'
  ctx.fillText('做好事 攒积分 换实惠', W / 2, 130)
  ctx.fillStyle = '#1a1a1a'
  ctx.font = 'bold 40px sans-serif'
  ctx.fillText(d.householdMasked, W / 2, 220)
  ctx.fillStyle = '#c8161d'
  ctx.font = 'bold 96px sans-serif'
  ctx.fillText(String(d.balance), W / 2, 330)
  ctx.fillStyle = '#4a4a4a'
  ctx.font = '28px sans-serif'
  ctx.fillText('当前积分', W / 2, 370)
  ctx.font = '32px sans-serif'
  ctx.fillText(`${quarterLabel(d.quarter)}得分 ${d.quarterPoints}`, W / 2, 430)
  if (d.rank !== null) ctx.fillText(`全村第 ${d.rank} 名`, W / 2, 476)
  if (qr) ctx.drawImage(qr, W / 2 - 120, 520, 240, 240)
  else ctx.fillText('微信搜索“村社通”小程序', W / 2, 640)
  ctx.font = '24px sans-serif'
  ctx.fillStyle = '#6b6b6b'
  ctx.fillText('长按识别小程序码，看村里的公示和排名', W / 2, 800)
}
