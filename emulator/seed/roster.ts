/**
 * The demo town: one 镇 with two 嘎查/村 and one urban 社区, their branches, party groups and grids, ~40
 * households with members of every class and every role. Fictional people; names are common Chinese and
 * Mongolian given names. Ids are stable so demo accounts stay the same across restarts.
 */
import type { OrgKind, PartyStatus, PersonClass, Role } from '../../types/contract/common'

export interface OrgSeed {
  id: string
  name: string
  kind: OrgKind
  parent: string | null
  /** A 党小组 covers the households of these grids (its leader's first review is scoped to them). */
  grids?: string[]
}

export const ORGS: OrgSeed[] = [
  { id: 'city-wl', name: '乌兰市', kind: 'city', parent: null },
  { id: 'dist-hs', name: '和顺旗', kind: 'district', parent: 'city-wl' },
  { id: 'town-xa', name: '兴安镇', kind: 'town', parent: 'dist-hs' },
  // 前进嘎查
  { id: 'v-qj', name: '前进嘎查', kind: 'village', parent: 'town-xa' },
  { id: 'v-qj-br', name: '前进嘎查党支部', kind: 'branch', parent: 'v-qj' },
  { id: 'v-qj-pg1', name: '第一党小组', kind: 'party_group', parent: 'v-qj-br', grids: ['v-qj-g1'] },
  { id: 'v-qj-pg2', name: '第二党小组', kind: 'party_group', parent: 'v-qj-br', grids: ['v-qj-g2'] },
  { id: 'v-qj-g1', name: '东片网格', kind: 'grid', parent: 'v-qj' },
  { id: 'v-qj-g2', name: '西片网格', kind: 'grid', parent: 'v-qj' },
  // 团结村
  { id: 'v-tj', name: '团结村', kind: 'village', parent: 'town-xa' },
  { id: 'v-tj-br', name: '团结村党支部', kind: 'branch', parent: 'v-tj' },
  { id: 'v-tj-pg1', name: '第一党小组', kind: 'party_group', parent: 'v-tj-br', grids: ['v-tj-g1', 'v-tj-g2'] },
  { id: 'v-tj-g1', name: '南街网格', kind: 'grid', parent: 'v-tj' },
  { id: 'v-tj-g2', name: '北街网格', kind: 'grid', parent: 'v-tj' },
  // 幸福社区 (urban: 社区 → 片区 → 网格)
  { id: 'c-xf', name: '幸福社区', kind: 'community', parent: 'town-xa' },
  { id: 'c-xf-br', name: '幸福社区党委', kind: 'branch', parent: 'c-xf' },
  { id: 'c-xf-pg1', name: '第一党小组', kind: 'party_group', parent: 'c-xf-br', grids: ['c-xf-g1', 'c-xf-g2'] },
  { id: 'c-xf-a1', name: '东区片区', kind: 'area', parent: 'c-xf' },
  { id: 'c-xf-g1', name: '幸福小区1号楼网格', kind: 'grid', parent: 'c-xf-a1' },
  { id: 'c-xf-g2', name: '幸福小区2号楼网格', kind: 'grid', parent: 'c-xf-a1' }
]

export interface PersonSeed {
  id: string
  name: string
  gender: 'M' | 'F'
  relation: string
  personClass: PersonClass
  partyStatus?: PartyStatus
  phone?: string
  partyGroup?: string
  roles?: Array<[Role, string]>
}

export interface HouseholdSeed {
  id: string
  village: string
  grid: string
  code: string
  address: string
  members: PersonSeed[]
}

const P = (id: string, name: string, gender: 'M' | 'F', relation: string, personClass: PersonClass, extra: Partial<PersonSeed> = {}): PersonSeed => ({
  id,
  name,
  gender,
  relation,
  personClass,
  ...extra
})

export const HOUSEHOLDS: HouseholdSeed[] = [
  // ---------- 前进嘎查 (15 households) ----------
  { id: 'h-qj-01', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-001', address: '前进嘎查东片1号', members: [
    P('m-bateer', '巴特尔', 'M', '户主', 'party', { partyStatus: 'in_village', phone: '13904760101', partyGroup: 'v-qj-pg1', roles: [['secretary', 'v-qj'], ['committee', 'v-qj']] }),
    P('m-saren', '萨仁', 'F', '配偶', 'masses'),
    P('m-aodeng', '敖登', 'M', '子女', 'party', { partyStatus: 'mobile', phone: '13904760103', partyGroup: 'v-qj-pg1' })
  ] },
  { id: 'h-qj-02', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-002', address: '前进嘎查东片2号', members: [
    P('m-qiqige', '其其格', 'F', '户主', 'party', { partyStatus: 'in_village', phone: '13904760201', partyGroup: 'v-qj-pg1', roles: [['committee', 'v-qj'], ['staff', 'v-qj']] }),
    P('m-hasi', '哈斯', 'M', '配偶', 'masses')
  ] },
  { id: 'h-qj-03', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-003', address: '前进嘎查东片3号', members: [
    P('m-menghe', '孟和', 'M', '户主', 'party', { partyStatus: 'in_village', phone: '13904760301', partyGroup: 'v-qj-pg2', roles: [['committee', 'v-qj']] }),
    P('m-tuya', '图雅', 'F', '配偶', 'masses'),
    P('m-bayin', '巴音', 'M', '子女', 'masses')
  ] },
  { id: 'h-qj-04', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-004', address: '前进嘎查东片4号', members: [
    P('m-wuyun', '乌云', 'F', '户主', 'party', { partyStatus: 'in_village', phone: '13904760401', partyGroup: 'v-qj-pg1', roles: [['group_leader', 'v-qj-pg1']] }),
    P('m-buhe', '布和', 'M', '配偶', 'party', { partyStatus: 'office', partyGroup: 'v-qj-pg1' })
  ] },
  { id: 'h-qj-05', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-005', address: '前进嘎查东片5号', members: [
    P('m-gaowa', '高娃', 'F', '户主', 'grid_worker', { phone: '13904760501', roles: [['grid_worker', 'v-qj-g1']] }),
    P('m-chaolu', '朝鲁', 'M', '配偶', 'masses'),
    P('m-nara', '娜拉', 'F', '子女', 'masses')
  ] },
  { id: 'h-qj-06', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-006', address: '前进嘎查东片6号', members: [
    P('m-eerdun', '额尔敦', 'M', '户主', 'masses', { phone: '13904760601' }),
    P('m-suhe', '苏和', 'F', '配偶', 'masses'),
    P('m-baoyin', '宝音', 'M', '子女', 'party', { partyStatus: 'mobile', phone: '13904760603', partyGroup: 'v-qj-pg2' })
  ] },
  { id: 'h-qj-07', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-007', address: '前进嘎查东片7号', members: [
    P('m-wangguirong', '王桂荣', 'F', '户主', 'masses'),
    P('m-liudeshan', '刘德山', 'M', '配偶', 'masses')
  ] },
  { id: 'h-qj-08', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-008', address: '前进嘎查东片8号', members: [
    P('m-naren', '那仁', 'M', '户主', 'masses'),
    P('m-gerile', '格日乐', 'F', '配偶', 'masses'),
    P('m-aruna', '阿如娜', 'F', '子女', 'masses')
  ] },
  { id: 'h-qj-09', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-009', address: '前进嘎查西片1号', members: [
    P('m-zhanghai', '张海', 'M', '户主', 'grid_worker', { phone: '13904760901', roles: [['grid_worker', 'v-qj-g2']] }),
    P('m-lixia', '李霞', 'F', '配偶', 'masses')
  ] },
  { id: 'h-qj-10', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-010', address: '前进嘎查西片2号', members: [
    P('m-lixiulan', '李秀兰', 'F', '户主', 'masses', { phone: '13904761001', roles: [['staff', 'v-qj']] }),
    P('m-zhaoshulin', '赵树林', 'M', '配偶', 'masses')
  ] },
  { id: 'h-qj-11', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-011', address: '前进嘎查西片3号', members: [
    P('m-siqin', '斯琴', 'F', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'v-qj-pg2', roles: [['group_leader', 'v-qj-pg2']] }),
    P('m-haosi', '浩斯', 'M', '子女', 'party', { partyStatus: 'mobile', partyGroup: 'v-qj-pg2' })
  ] },
  { id: 'h-qj-12', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-012', address: '前进嘎查西片4号', members: [
    P('m-sunfengying', '孙凤英', 'F', '户主', 'masses'),
    P('m-chenguoqiang', '陈国强', 'M', '子女', 'masses')
  ] },
  { id: 'h-qj-13', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-013', address: '前进嘎查西片5号', members: [
    P('m-wulan', '乌兰', 'F', '户主', 'masses'),
    P('m-tegusi', '特古斯', 'M', '配偶', 'masses')
  ] },
  { id: 'h-qj-14', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-014', address: '前进嘎查西片6号', members: [
    P('m-zhouyulan', '周玉兰', 'F', '户主', 'masses'),
    P('m-zhoujian', '周建', 'M', '子女', 'masses')
  ] },
  { id: 'h-qj-15', village: 'v-qj', grid: 'v-qj-g2', code: 'QJ-015', address: '前进嘎查西片7号', members: [
    P('m-aoqier', '敖其尔', 'M', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'v-qj-pg2' }),
    P('m-suyila', '苏伊拉', 'F', '配偶', 'masses')
  ] },
  // ---------- 团结村 (15 households) ----------
  { id: 'h-tj-01', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-001', address: '团结村南街1号', members: [
    P('m-wangzhiqiang', '王志强', 'M', '户主', 'party', { partyStatus: 'in_village', phone: '13804780101', partyGroup: 'v-tj-pg1', roles: [['secretary', 'v-tj'], ['committee', 'v-tj']] }),
    P('m-liufang', '刘芳', 'F', '配偶', 'masses')
  ] },
  { id: 'h-tj-02', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-002', address: '团结村南街2号', members: [
    P('m-chenhong', '陈红', 'F', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'v-tj-pg1', roles: [['committee', 'v-tj'], ['staff', 'v-tj']] }),
    P('m-yangli', '杨力', 'M', '配偶', 'masses')
  ] },
  { id: 'h-tj-03', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-003', address: '团结村南街3号', members: [
    P('m-zhangguihua', '张桂花', 'F', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'v-tj-pg1', roles: [['committee', 'v-tj']] }),
    P('m-zhangwei', '张伟', 'M', '子女', 'party', { partyStatus: 'mobile', partyGroup: 'v-tj-pg1' })
  ] },
  { id: 'h-tj-04', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-004', address: '团结村南街4号', members: [
    P('m-liuyongfu', '刘永福', 'M', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'v-tj-pg1', roles: [['group_leader', 'v-tj-pg1']] }),
    P('m-hushuzhen', '胡淑珍', 'F', '配偶', 'masses')
  ] },
  { id: 'h-tj-05', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-005', address: '团结村南街5号', members: [
    P('m-maxiaoli', '马晓丽', 'F', '户主', 'grid_worker', { phone: '13804780501', roles: [['grid_worker', 'v-tj-g1']] }),
    P('m-majun', '马军', 'M', '配偶', 'masses')
  ] },
  { id: 'h-tj-06', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-006', address: '团结村南街6号', members: [
    P('m-zhaodefa', '赵德发', 'M', '户主', 'masses', { phone: '13804780601' }),
    P('m-qianxiuying', '钱秀英', 'F', '配偶', 'masses'),
    P('m-zhaoxiaomei', '赵小梅', 'F', '子女', 'masses')
  ] },
  { id: 'h-tj-07', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-007', address: '团结村南街7号', members: [
    P('m-sunjianhua', '孙建华', 'M', '户主', 'masses'),
    P('m-zhouli', '周丽', 'F', '配偶', 'masses')
  ] },
  { id: 'h-tj-08', village: 'v-tj', grid: 'v-tj-g1', code: 'TJ-008', address: '团结村南街8号', members: [
    P('m-wuchunlan', '吴春兰', 'F', '户主', 'masses')
  ] },
  { id: 'h-tj-09', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-009', address: '团结村北街1号', members: [
    P('m-zhengjun', '郑军', 'M', '户主', 'grid_worker', { roles: [['grid_worker', 'v-tj-g2']] }),
    P('m-wangqin', '王琴', 'F', '配偶', 'masses')
  ] },
  { id: 'h-tj-10', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-010', address: '团结村北街2号', members: [
    P('m-fengshuqin', '冯淑琴', 'F', '户主', 'masses'),
    P('m-fenggang', '冯刚', 'M', '子女', 'party', { partyStatus: 'mobile', partyGroup: 'v-tj-pg1' })
  ] },
  { id: 'h-tj-11', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-011', address: '团结村北街3号', members: [
    P('m-hefugui', '何富贵', 'M', '户主', 'masses'),
    P('m-luoyan', '罗燕', 'F', '配偶', 'masses')
  ] },
  { id: 'h-tj-12', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-012', address: '团结村北街4号', members: [
    P('m-gaoshan', '高山', 'M', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'v-tj-pg1', roles: [['group_leader', 'v-tj-pg1']] }),
    P('m-lilan', '李兰', 'F', '配偶', 'masses')
  ] },
  { id: 'h-tj-13', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-013', address: '团结村北街5号', members: [
    P('m-xuyuzhen', '徐玉珍', 'F', '户主', 'masses')
  ] },
  { id: 'h-tj-14', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-014', address: '团结村北街6号', members: [
    P('m-tianzhanhai', '田占海', 'M', '户主', 'masses'),
    P('m-tianxiaoyu', '田晓雨', 'F', '子女', 'masses')
  ] },
  { id: 'h-tj-15', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-015', address: '团结村北街7号', members: [
    P('m-dengwanshan', '邓万山', 'M', '户主', 'masses'),
    P('m-caixiaohong', '蔡晓红', 'F', '配偶', 'masses')
  ] },
  // ---------- 幸福社区 (10 households) ----------
  { id: 'h-xf-01', village: 'c-xf', grid: 'c-xf-g1', code: 'XF-101', address: '幸福小区1号楼1单元101', members: [
    P('m-liujing', '刘静', 'F', '户主', 'party', { partyStatus: 'in_village', phone: '13704770101', partyGroup: 'c-xf-pg1', roles: [['secretary', 'c-xf'], ['committee', 'c-xf']] }),
    P('m-songtao', '宋涛', 'M', '配偶', 'party', { partyStatus: 'office', partyGroup: 'c-xf-pg1' })
  ] },
  { id: 'h-xf-02', village: 'c-xf', grid: 'c-xf-g1', code: 'XF-102', address: '幸福小区1号楼1单元102', members: [
    P('m-hanxue', '韩雪', 'F', '户主', 'masses', { phone: '13704770201', roles: [['staff', 'c-xf'], ['committee', 'c-xf']] })
  ] },
  { id: 'h-xf-03', village: 'c-xf', grid: 'c-xf-g1', code: 'XF-201', address: '幸福小区1号楼2单元201', members: [
    P('m-yaojianjun', '姚建军', 'M', '户主', 'party', { partyStatus: 'in_village', partyGroup: 'c-xf-pg1', roles: [['group_leader', 'c-xf-pg1'], ['committee', 'c-xf']] }),
    P('m-yaoxin', '姚欣', 'F', '子女', 'masses')
  ] },
  { id: 'h-xf-04', village: 'c-xf', grid: 'c-xf-g1', code: 'XF-202', address: '幸福小区1号楼2单元202', members: [
    P('m-liping', '李萍', 'F', '户主', 'grid_worker', { roles: [['grid_worker', 'c-xf-g1'], ['grid_worker', 'c-xf-g2']] })
  ] },
  { id: 'h-xf-05', village: 'c-xf', grid: 'c-xf-g1', code: 'XF-301', address: '幸福小区1号楼3单元301', members: [
    P('m-sunyufen', '孙玉芬', 'F', '户主', 'masses', { phone: '13704770501' }),
    P('m-wangdaye', '王福全', 'M', '配偶', 'party', { partyStatus: 'in_village', partyGroup: 'c-xf-pg1', roles: [['group_leader', 'c-xf-pg1']] })
  ] },
  { id: 'h-xf-06', village: 'c-xf', grid: 'c-xf-g2', code: 'XF-401', address: '幸福小区2号楼1单元401', members: [
    P('m-zhanglei', '张磊', 'M', '户主', 'masses'),
    P('m-wangyan', '王燕', 'F', '配偶', 'masses')
  ] },
  { id: 'h-xf-07', village: 'c-xf', grid: 'c-xf-g2', code: 'XF-402', address: '幸福小区2号楼1单元402', members: [
    P('m-zhaominghui', '赵明辉', 'M', '户主', 'party', { partyStatus: 'office', partyGroup: 'c-xf-pg1' })
  ] },
  { id: 'h-xf-08', village: 'c-xf', grid: 'c-xf-g2', code: 'XF-501', address: '幸福小区2号楼2单元501', members: [
    P('m-huangxiuzhi', '黄秀芝', 'F', '户主', 'masses'),
    P('m-huangpeng', '黄鹏', 'M', '子女', 'masses')
  ] },
  { id: 'h-xf-09', village: 'c-xf', grid: 'c-xf-g2', code: 'XF-502', address: '幸福小区2号楼2单元502', members: [
    P('m-lvzhiyong', '吕志勇', 'M', '户主', 'masses')
  ] },
  { id: 'h-xf-10', village: 'c-xf', grid: 'c-xf-g2', code: 'XF-601', address: '幸福小区2号楼3单元601', members: [
    P('m-guoshuying', '郭淑英', 'F', '户主', 'masses'),
    P('m-guoqiang', '郭强', 'M', '子女', 'party', { partyStatus: 'mobile', partyGroup: 'c-xf-pg1' })
  ] },
  // Town staff live in 团结村 but hold town-level roles.
  { id: 'h-tj-16', village: 'v-tj', grid: 'v-tj-g2', code: 'TJ-016', address: '团结村北街8号', members: [
    P('m-zhaojianguo', '赵建国', 'M', '户主', 'party', { partyStatus: 'office', phone: '13804781601', roles: [['admin', 'town-xa'], ['judge', 'town-xa']] }),
    P('m-qianli', '钱丽', 'F', '配偶', 'masses')
  ] }
]

/** Stable demo openid for a member (local sign-in maps the chosen person to it). */
export const demoOpenid = (memberId: string) => `demo-${memberId}`
