export default definePageConfig({ navigationBarTitleText: '村民表决' })
