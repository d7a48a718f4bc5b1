// Sharing an entry to a WeChat group: useShareAppMessage works only when the page config enables it.
export default definePageConfig({ navigationBarTitleText: '作品详情', enableShareAppMessage: true })
