// Sharing on: an invitation code goes to the person as a WeChat card (useShareAppMessage in the page).
export default definePageConfig({ navigationBarTitleText: '农户信息', enableShareAppMessage: true })
