import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import { findAll } from '../../data/repo'
import { db } from '../../runtime/cloud'

export function orgView(n: OrgNodeDoc) {
  return { id: n._id, name: n.name, kind: n.kind, parentId: n.parentId, path: n.path }
}

/** The org tree (or one subtree). Names of villages are public: anyone may pick their village when asking to bind. */
export async function orgTree(input: { rootId?: string }, _ctx: Ctx) {
  const _ = db().command
  const where = input.rootId ? _.or([{ _id: input.rootId }, { path: input.rootId }]) : {}
  const nodes = await findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, where)
  nodes.sort((a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name, 'zh'))
  return nodes.map(orgView)
}
