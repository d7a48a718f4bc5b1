import type { RuleItemView } from '../../types/contract/points.contract'

/**
 * The demo standards, after seed 004 (四位一体: 基础、激励、机动、否决): 人居环境整治义务劳动 +10/次,
 * 垃圾清运 +50/车, 婚丧嫁娶大操大办 −10/次, …
 */
export const DEMO_RULES: RuleItemView[] = [
  { id: 'clean', name: '人居环境整治义务劳动', category: 'basic', classes: ['party', 'masses', 'grid_worker'], points: 10, unit: '次', cap: 40, capCycle: 'month', evidenceRequired: true, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'garbage', name: '义务清运垃圾', category: 'basic', classes: ['party', 'masses', 'grid_worker'], points: 50, unit: '车', cap: 100, capCycle: 'month', evidenceRequired: true, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'greening', name: '庭院绿化美化', category: 'basic', classes: ['party', 'masses', 'grid_worker'], points: 5, unit: '次', cap: 20, capCycle: 'month', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'meeting', name: '参加村民大会', category: 'basic', classes: ['party', 'masses', 'grid_worker'], points: 2, unit: '次', cap: 8, capCycle: 'month', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'volunteer', name: '志愿服务（防火巡逻、助老等）', category: 'incentive', classes: ['party', 'masses', 'grid_worker'], points: 10, unit: '次', cap: 50, capCycle: 'month', evidenceRequired: true, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'goodman', name: '好人好事、见义勇为', category: 'incentive', classes: ['party', 'masses', 'grid_worker'], points: 20, unit: '次', cap: null, capCycle: 'year', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'partylead', name: '党员带头示范', category: 'incentive', classes: ['party'], points: 10, unit: '次', cap: 30, capCycle: 'month', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'gridwork', name: '网格巡查走访', category: 'flexible', classes: ['grid_worker'], points: 3, unit: '户', cap: 60, capCycle: 'month', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'lavish', name: '婚丧嫁娶大操大办', category: 'veto', classes: ['party', 'masses', 'grid_worker'], points: -10, unit: '次', cap: null, capCycle: 'year', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' },
  { id: 'compact', name: '违反村规民约', category: 'veto', classes: ['party', 'masses', 'grid_worker'], points: -20, unit: '次', cap: null, capCycle: 'year', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'ineligible_year' },
  { id: 'illegal', name: '违法违纪', category: 'veto', classes: ['party', 'masses', 'grid_worker'], points: -50, unit: '次', cap: null, capCycle: 'year', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'zero_quarter' }
]
