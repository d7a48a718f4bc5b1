import { calendarCells, caughtUp, checkinOpen, phaseOf, sniffFormat, statusOf } from '../../cloudfunctions/_shared/domain/study'
import { tinyPdf, tinyWav } from '../../emulator/seed/study-media'

const at = (s: string) => new Date(s)

describe('check-in window and phase', () => {
  const s = { startsAt: at('2026-11-24T02:00:00Z'), endsAt: at('2026-11-24T04:00:00Z'), cancelled: false }
  it('opens 30 minutes before the start and closes at the end', () => {
    expect(checkinOpen(s, at('2026-11-24T01:29:59Z'))).toBe(false)
    expect(checkinOpen(s, at('2026-11-24T01:30:00Z'))).toBe(true)
    expect(checkinOpen(s, at('2026-11-24T04:00:00Z'))).toBe(true)
    expect(checkinOpen(s, at('2026-11-24T04:00:01Z'))).toBe(false)
    expect(phaseOf(s, at('2026-11-24T01:00:00Z'))).toBe('upcoming')
    expect(phaseOf(s, at('2026-11-24T03:00:00Z'))).toBe('running')
    expect(phaseOf(s, at('2026-11-24T05:00:00Z'))).toBe('ended')
    expect(phaseOf({ ...s, cancelled: true }, at('2026-11-24T03:00:00Z'))).toBe('cancelled')
  })
})

describe('attendance status and catching up', () => {
  it('maps records to statuses; a refused leave is absent', () => {
    expect(statusOf(null)).toBe('absent')
    expect(statusOf({ kind: 'onsite', state: 'done' })).toBe('onsite')
    expect(statusOf({ kind: 'remote', state: 'pending' })).toBe('remote_pending')
    expect(statusOf({ kind: 'remote', state: 'confirmed' })).toBe('remote')
    expect(statusOf({ kind: 'leave', state: 'pending' })).toBe('leave_pending')
    expect(statusOf({ kind: 'leave', state: 'approved' })).toBe('leave')
    expect(statusOf({ kind: 'leave', state: 'refused' })).toBe('absent')
  })
  it('caught up needs a relay, a read after its last item, and a 心得', () => {
    const last = at('2026-11-24T05:00:00Z')
    expect(caughtUp({ attended: true, items: 0, lastItemAt: null, readAt: null, noted: false })).toBe(true)
    expect(caughtUp({ attended: false, items: 0, lastItemAt: null, readAt: last, noted: true })).toBe(false)
    expect(caughtUp({ attended: false, items: 2, lastItemAt: last, readAt: at('2026-11-24T04:59:59Z'), noted: true })).toBe(false)
    expect(caughtUp({ attended: false, items: 2, lastItemAt: last, readAt: last, noted: false })).toBe(false)
    expect(caughtUp({ attended: false, items: 2, lastItemAt: last, readAt: last, noted: true })).toBe(true)
  })
})

describe('三会一课 calendar', () => {
  const now = at('2026-11-24T02:00:00Z')
  const mk = (type: any, start: string, cancelled = false) => ({ id: start, type, title: type, startsAt: at(start), endsAt: new Date(at(start).getTime() + 3600000), cancelled })
  it('monthly types look at the month, quarterly ones at the quarter; cancelled ones do not count', () => {
    const cells = calendarCells('2026-11', [
      mk('branch_assembly', '2026-10-10T02:00:00Z'),
      mk('committee_meeting', '2026-10-10T02:00:00Z'),
      mk('group_meeting', '2026-11-30T02:00:00Z'),
      mk('theme_day', '2026-11-10T02:00:00Z', true),
      mk('party_lecture', '2026-11-23T15:30:00Z')
    ], now)
    const by = Object.fromEntries(cells.map((c) => [c.type, c]))
    expect(by.branch_assembly.status).toBe('held')
    expect(by.branch_assembly.period).toBe('2026-Q4')
    expect(by.committee_meeting.status).toBe('missing')
    expect(by.group_meeting.status).toBe('scheduled')
    expect(by.theme_day.status).toBe('missing')
    expect(by.theme_day.sessions).toHaveLength(1)
    expect(by.party_lecture.status).toBe('held')
  })
  it('a session just after midnight China time on the 1st belongs to that month', () => {
    const cells = calendarCells('2026-12', [mk('committee_meeting', '2026-11-30T16:30:00Z')], at('2026-12-05T00:00:00Z'))
    expect(cells.find((c) => c.type === 'committee_meeting')?.status).toBe('held')
  })
})

describe('upload sniffing', () => {
  it('recognises photos, voice and PDFs by their bytes, not their names', () => {
    expect(sniffFormat('photo', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg')
    expect(sniffFormat('photo', Buffer.from('\x89PNG\r\n', 'latin1'))).toBe('png')
    expect(sniffFormat('photo', Buffer.from('GIF89a'))).toBeNull()
    expect(sniffFormat('voice', tinyWav(0.1))).toBe('wav')
    expect(sniffFormat('voice', Buffer.from('ID3\x04', 'latin1'))).toBe('mp3')
    expect(sniffFormat('voice', Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBe('aac')
    expect(sniffFormat('voice', Buffer.from([0xff, 0xfb, 0x90, 0x00]))).toBe('mp3')
    expect(sniffFormat('voice', Buffer.from('\0\0\0\x20ftypM4A ', 'latin1'))).toBe('m4a')
    expect(sniffFormat('voice', Buffer.from('hello'))).toBeNull()
    expect(sniffFormat('document', tinyPdf())).toBe('pdf')
    expect(sniffFormat('document', Buffer.from('hello'))).toBeNull()
  })
  it('the demo WAV is a valid RIFF file of the requested length', () => {
    const w = tinyWav(2)
    expect(w.readUInt32LE(4)).toBe(w.length - 8)
    expect(w.readUInt32LE(40)).toBe(8000 * 2 * 2)
  })
})
