export default definePageConfig({ navigationBarTitleText: '参评作品', enableShareAppMessage: true })
