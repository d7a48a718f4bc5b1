export default definePageConfig({ navigationBarTitleText: '超市管理' })
