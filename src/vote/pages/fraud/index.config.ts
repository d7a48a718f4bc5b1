export default definePageConfig({ navigationBarTitleText: '防刷票' })
