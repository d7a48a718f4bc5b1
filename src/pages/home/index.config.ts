export default definePageConfig({ navigationBarTitleText: '村社通' })
