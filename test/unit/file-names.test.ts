import { exportFileName, periodLabel } from '../../cloudfunctions/_shared/domain/file-names'

describe('exported files are named in plain Chinese', () => {
  it('period keys in words', () => {
    expect(periodLabel('2026-Q4')).toBe('2026年第4季度')
    expect(periodLabel('2026-11')).toBe('2026年11月')
    expect(periodLabel('2026-W08')).toBe('2026年第8周')
    expect(periodLabel('2026-03-05')).toBe('2026年3月5日')
    expect(periodLabel('2026')).toBe('2026年')
    expect(periodLabel('本季度')).toBe('本季度')
  })
  it('joins parts, drops empty ones and characters a file system refuses', () => {
    expect(exportFileName(['前进嘎查', periodLabel('2026-Q4'), '积分汇总'])).toBe('前进嘎查-2026年第4季度-积分汇总.xlsx')
    expect(exportFileName(['前进/嘎查', '', ' 2026:Q4 ', '兑换单'])).toBe('前进 嘎查-2026 Q4-兑换单.xlsx')
    expect(exportFileName(['', '  '])).toBe('导出.xlsx')
  })
})
