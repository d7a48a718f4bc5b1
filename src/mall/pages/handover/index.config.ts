export default definePageConfig({ navigationBarTitleText: '核销发放' })
