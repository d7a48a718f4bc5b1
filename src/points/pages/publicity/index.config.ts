export default definePageConfig({ navigationBarTitleText: '积分公示栏' })
