export default definePageConfig({ navigationBarTitleText: '村里的积分榜', enableShareAppMessage: true })
