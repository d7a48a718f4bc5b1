import { createHandler } from '../_shared/runtime/create-handler'
import '../_shared/data/study-scopes'
import { cancelSession, getSession, listSessions, mySessions, scheduleSession, sessionCode, updateSession } from '../_shared/app/study/sessions'
import { attendanceList, checkIn, confirmRemote, decideLeave, joinRemote, proxyCandidates, requestLeave } from '../_shared/app/study/attendance'
import { endPair, importPairs, listPairs, logVisit, myPairs, pairVisits, savePair } from '../_shared/app/study/pairs'
import { getThread, markRead, myThreads, sendRelay, writeNote } from '../_shared/app/study/relays'
import { getMaterial, listMaterials, saveMaterial } from '../_shared/app/study/materials'
import { calendar, saveStudySettings } from '../_shared/app/study/calendar'
import { exportReport, report } from '../_shared/app/study/report'
import { remindMe } from '../_shared/app/study/reminders'

/** study (云支部): sessions and attendance, 结对 pairs and relays, materials, the 三会一课 calendar and reports. */
export const main = createHandler('study', {
  listSessions,
  mySessions,
  getSession,
  scheduleSession,
  updateSession,
  cancelSession,
  sessionCode,
  checkIn,
  proxyCandidates,
  joinRemote,
  confirmRemote,
  requestLeave,
  decideLeave,
  attendance: attendanceList,
  remindMe,
  listPairs,
  savePair,
  endPair,
  importPairs,
  logVisit,
  pairVisits,
  myPairs,
  myThreads,
  getThread,
  sendRelay,
  markRead,
  writeNote,
  listMaterials,
  getMaterial,
  saveMaterial,
  calendar,
  saveStudySettings,
  report,
  exportReport
})
