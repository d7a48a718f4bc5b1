export default definePageConfig({ navigationBarTitleText: '积分详情' })
