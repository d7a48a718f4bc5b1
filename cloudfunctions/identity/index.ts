import { createHandler } from '../_shared/runtime/create-handler'
import { me } from '../_shared/app/identity/me'
import { bindInvite } from '../_shared/app/identity/bind-invite'
import { requestBind } from '../_shared/app/identity/request-bind'
import { listBindRequests } from '../_shared/app/identity/list-bind-requests'
import { decideBindRequest } from '../_shared/app/identity/decide-bind-request'
import { orgTree } from '../_shared/app/identity/org-tree'
import { myScopes } from '../_shared/app/identity/my-scopes'
import { listHouseholds } from '../_shared/app/identity/list-households'
import { getHousehold } from '../_shared/app/identity/get-household'
import { saveHousehold } from '../_shared/app/identity/save-household'
import { saveMember } from '../_shared/app/identity/save-member'
import { removeMember } from '../_shared/app/identity/remove-member'
import { grantAudit, grantRole, listGrants, revokeRole } from '../_shared/app/identity/grants'
import { registerUpload } from '../_shared/app/files'
import { createInvite } from '../_shared/app/identity/create-invite'
import { exportRoster, importRoster } from '../_shared/app/identity/roster-xlsx'

/** identity: who I am, the org tree, the roster of households and members, roles and invitations. */
export const main = createHandler('identity', {
  me,
  bindInvite,
  requestBind,
  listBindRequests,
  decideBindRequest,
  orgTree,
  myScopes,
  listHouseholds,
  getHousehold,
  saveHousehold,
  saveMember,
  removeMember,
  listGrants,
  grantRole,
  revokeRole,
  grantAudit,
  registerUpload,
  createInvite,
  importRoster,
  exportRoster
})
