// Evaluated at build time: process.env is the build's environment (config/index.ts resolves TARO_APP_LOCAL).
const local = process.env.TARO_ENV === 'h5' || process.env.TARO_APP_LOCAL === '1'

/** One subpackage per feature. Adding a feature = one line here (plus its tiles in src/features/tiles.ts). */
const subPackages = [
  { root: 'admin', pages: ['pages/households/index', 'pages/household/index', 'pages/member/index', 'pages/grants/index', 'pages/import/index', 'pages/bind-requests/index'] },
  {
    root: 'points',
    pages: [
      'pages/my/index',
      'pages/claim/index',
      'pages/record/index',
      'pages/recorded/index',
      'pages/review/index',
      'pages/publicity/index',
      'pages/ranking/index',
      'pages/rules/index',
      'pages/settings/index',
      'pages/reports/index',
      'pages/activities/index',
      'pages/activity-code/index',
      'pages/checkin/index',
      'pages/objections/index'
    ]
  },
  {
    root: 'study',
    pages: ['pages/sessions/index', 'pages/session/index', 'pages/checkin/index', 'pages/code/index', 'pages/edit/index', 'pages/thread/index', 'pages/threads/index', 'pages/pairs/index', 'pages/materials/index', 'pages/calendar/index', 'pages/report/index']
  },
  { root: 'mall', pages: ['pages/shop/index', 'pages/orders/index', 'pages/handover/index', 'pages/manage/index', 'pages/goods-edit/index', 'pages/window-edit/index', 'pages/report/index'] },
  {
    root: 'vote',
    pages: [
      'pages/activities/index',
      'pages/activity-edit/index',
      'pages/entries/index',
      'pages/entry/index',
      'pages/submit/index',
      'pages/review/index',
      'pages/judge/index',
      'pages/results/index',
      'pages/fraud/index',
      'pages/village/index'
    ]
  },
  {
    root: 'notice',
    pages: [
      'pages/feed/index',
      'pages/detail/index',
      'pages/edit/index',
      'pages/stats/index',
      'pages/reports/index',
      'pages/report-new/index',
      'pages/report-detail/index',
      'pages/group/index',
      'pages/privacy/index'
    ]
  },
  ...(local ? [{ root: 'dev', pages: ['pages/sign-in/index', 'pages/sends/index'] }] : [])
]

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/work/index', 'pages/me/index'],
  subPackages,
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '村社通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f4f4'
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/work/index', text: '工作台', iconPath: 'assets/tab/work.png', selectedIconPath: 'assets/tab/work-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' }
    ]
  }
})
