export default definePageConfig({ navigationBarTitleText: '我录入的' })
