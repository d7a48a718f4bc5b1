export default definePageConfig({ navigationBarTitleText: '结果与公布' })
