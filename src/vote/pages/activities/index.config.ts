export default definePageConfig({ navigationBarTitleText: '双晒与评议' })
