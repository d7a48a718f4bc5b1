export default definePageConfig({ navigationBarTitleText: '报送作品' })
