/**
 * Stable error codes (DOMAIN.REASON) and the Chinese message a villager reads.
 * The code is for programs; the message is for people. Never change a code once shipped.
 */
export const ERROR_MESSAGES = {
  'INPUT.INVALID': '填写的内容有误，请检查后再试',
  'AUTH.UNBOUND': '您还没有绑定身份，请先输入邀请码',
  'AUTH.FORBIDDEN': '您没有权限做这件事',
  'AUTH.INVITE_INVALID': '邀请码不对或已经用过了',
  'AUTH.ALREADY_BOUND': '这个微信已经绑定过了',
  'NOT_FOUND': '没有找到要找的内容',
  'ACTION.UNKNOWN': '不支持的操作',
  'SYS.BUSY': '现在办理的人多，请稍后再试',
  'SYS.INTERNAL': '系统出了点问题，请稍后再试',
  'SYS.IN_PROGRESS': '这件事正在办理中，请稍后刷新',
  'CONTENT.RISKY': '内容含有不适宜的文字，请修改后再提交',
  'ORG.NOT_FOUND': '没有找到这个村或组织',
  'ORG.OUT_OF_SCOPE': '不在您管理的范围内',
  'ROSTER.HOUSEHOLD_NOT_FOUND': '没有找到这一户',
  'ROSTER.MEMBER_NOT_FOUND': '没有找到这个人',
  'ROSTER.DUPLICATE_CODE': '户号重复了',
  'ROSTER.IMPORT_INVALID': '表格里有错误，一行都没有导入',
  'ROSTER.HEAD_REQUIRED': '每户要有一位户主',
  'RULES.NOT_FOUND': '没有找到积分标准',
  'RULES.ITEM_NOT_FOUND': '没有找到这一项积分标准',
  'RULES.NOT_ADOPTED': '积分标准还没有经村民代表大会通过',
  'RULES.ITEM_INACTIVE': '这一项积分标准现在不在有效期内',
  'RULES.CLASS_NOT_APPLICABLE': '这一项不适用于这类人员',
  'RULES.VERSION_CONFLICT': '积分标准已被别人修改，请刷新后再试',
  'CLAIM.NOT_FOUND': '没有找到这条积分申报',
  'CLAIM.EVIDENCE_REQUIRED': '这一项需要上传照片作证明',
  'CLAIM.OUTSIDE_GRID': '这一户不在您负责的网格内',
  'AUDIT.STEP_SKIPPED': '审核不能跳过步骤',
  'AUDIT.STATE_CHANGED': '这条申报已经被别人处理了，请刷新',
  'AUDIT.SELF_REVIEW': '不能审核自己家的申报',
  'AUDIT.DUPLICATE_APPROVER': '同一个人在一条审核链上只能审批一次',
  'AUDIT.REASON_REQUIRED': '退回或驳回时请写明原因',
  'PUBLICITY.CLOSED': '公示期已经结束，不能再提异议',
  'PUBLICITY.NOT_IN_PUBLICITY': '这条申报不在公示中',
  'CHECKIN.CODE_INVALID': '签到码不对或已过期，请看现场屏幕上最新的签到码再试',
  'CHECKIN.OUTSIDE_WINDOW': '不在活动签到时间内',
  'CHECKIN.ALREADY': '您家已经签到过了',
  'LEDGER.INSUFFICIENT_BALANCE': '积分不够',
  'RANKING.DISABLED': '本村没有开启积分排名',
  'MALL.OUT_OF_STOCK': '库存不够了',
  'MALL.NOT_ELIGIBLE': '本季度积分还没达到兑换条件',
  'MALL.WINDOW_CLOSED': '现在不是兑换时间',
  'MALL.LIMIT_EXCEEDED': '超过每户限兑数量',
  'MALL.GOODS_NOT_FOUND': '没有找到这件商品',
  'MALL.ORDER_NOT_FOUND': '没有找到这个兑换单',
  'MALL.ALREADY_PICKED_UP': '这个兑换单已经领取过了',
  'MALL.ORDER_NOT_ACTIVE': '这个兑换单已经取消或过期',
  'MALL.WINDOW_OVERLAP': '兑换时间和已有的兑换日重叠了'
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** Field-level or row-level details (e.g. import errors by row number). */
  details?: unknown
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
