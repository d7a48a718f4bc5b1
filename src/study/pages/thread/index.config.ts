export default definePageConfig({ navigationBarTitleText: '传达与心得' })
