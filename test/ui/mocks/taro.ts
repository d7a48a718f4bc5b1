/**
 * A light stand-in for @tarojs/taro in jsdom: in-memory storage, jest.fn for navigation/toasts/network, and page
 * lifecycle hooks that run like effects. Tests drive it through `taroMock`.
 */
import { useEffect, useRef } from 'react'

const storage = new Map<string, unknown>()
const router = { params: {} as Record<string, string> }

export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => void storage.set(key, value))
export const removeStorageSync = jest.fn((key: string) => void storage.delete(key))
export const request = jest.fn()
export const reLaunch = jest.fn(() => Promise.resolve())
export const navigateTo = jest.fn(() => Promise.resolve())
export const navigateBack = jest.fn(() => Promise.resolve())
export const switchTab = jest.fn(() => Promise.resolve())
export const showToast = jest.fn(() => Promise.resolve())
export const hideToast = jest.fn(() => Promise.resolve())
export const setClipboardData = jest.fn(() => Promise.resolve())
export const showModal = jest.fn(() => Promise.resolve({ confirm: true, cancel: false }))
export const getAppBaseInfo = jest.fn(() => ({ fontSizeScaleFactor: 1 }))
export const chooseMessageFile = jest.fn()
export const chooseImage = jest.fn()
export const downloadFile = jest.fn()
export const openDocument = jest.fn()
export const previewImage = jest.fn(() => Promise.resolve())
export const getFileSystemManager = jest.fn(() => ({ readFileSync: jest.fn(() => new ArrayBuffer(4)) }))
export const redirectTo = jest.fn(() => Promise.resolve())
export const chooseMedia = jest.fn()
export const requestSubscribeMessage = jest.fn(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' }))
export const getEnterOptionsSync = jest.fn(() => ({ scene: 1001, query: {} }))
export const getGroupEnterInfo = jest.fn(() => Promise.resolve({ cloudID: '' }))
export const onNeedPrivacyAuthorization = jest.fn()
export const openPrivacyContract = jest.fn(() => Promise.resolve())
export const saveImageToPhotosAlbum = jest.fn(() => Promise.resolve())
export const canvasToTempFilePath = jest.fn(() => Promise.resolve({ tempFilePath: 'poster.png' }))
export const createSelectorQuery = jest.fn(() => ({ select: () => ({ fields: () => ({ exec: (cb: (r: unknown[]) => void) => cb([null]) }) }) }))
/** The last share handler a page registered (useShareAppMessage). */
export const share = { handler: null as null | (() => unknown) }
export function useShareAppMessage(fn: () => unknown) {
  share.handler = fn
}
export const cloud = {
  init: jest.fn(),
  callFunction: jest.fn(),
  uploadFile: jest.fn()
}

export function useRouter() {
  return router
}

export function getCurrentInstance() {
  return { router }
}

export function useLaunch(fn: () => void) {
  useEffect(() => fn(), [])
}

const showListeners = new Set<() => void>()
const hideListeners = new Set<() => void>()

/** Runs on mount, like the first onShow, and again on each `taroMock.show()`. */
export function useDidShow(fn: () => void) {
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => {
    ref.current()
    const l = () => ref.current()
    showListeners.add(l)
    return () => void showListeners.delete(l)
  }, [])
}

/** Runs on each `taroMock.hide()` (the page was covered by another one). */
export function useDidHide(fn: () => void) {
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => {
    const l = () => ref.current()
    hideListeners.add(l)
    return () => void hideListeners.delete(l)
  }, [])
}
export function useLoad(fn: () => void) {
  useEffect(() => fn(), [])
}
export function usePullDownRefresh() {}
export function useReachBottom() {}

export const taroMock = {
  storage,
  router,
  /** Another page opened over this one. */
  hide() {
    for (const l of Array.from(hideListeners)) l()
  },
  /** Back on this page. */
  show() {
    for (const l of Array.from(showListeners)) l()
  },
  reset() {
    storage.clear()
    router.params = {}
    share.handler = null
    for (const fn of [redirectTo, chooseMedia, requestSubscribeMessage, getEnterOptionsSync, getGroupEnterInfo, onNeedPrivacyAuthorization, saveImageToPhotosAlbum, getStorageSync, setStorageSync, removeStorageSync, request, reLaunch, navigateTo, navigateBack, switchTab, showToast, showModal, chooseMessageFile, chooseImage, downloadFile, openDocument, previewImage, cloud.init, cloud.callFunction, cloud.uploadFile, hideToast, setClipboardData]) {
      fn.mockClear()
    }
    request.mockReset()
    cloud.callFunction.mockReset()
    cloud.uploadFile.mockReset()
    getAppBaseInfo.mockReset()
    getAppBaseInfo.mockImplementation(() => ({ fontSizeScaleFactor: 1 }))
  }
}

const Taro = {
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  request,
  reLaunch,
  navigateTo,
  navigateBack,
  switchTab,
  showToast,
  hideToast,
  setClipboardData,
  showModal,
  getAppBaseInfo,
  chooseMessageFile,
  chooseImage,
  downloadFile,
  openDocument,
  previewImage,
  getFileSystemManager,
  redirectTo,
  chooseMedia,
  requestSubscribeMessage,
  getEnterOptionsSync,
  getGroupEnterInfo,
  onNeedPrivacyAuthorization,
  openPrivacyContract,
  saveImageToPhotosAlbum,
  canvasToTempFilePath,
  createSelectorQuery,
  useShareAppMessage,
  cloud,
  useRouter,
  getCurrentInstance,
  useLaunch,
  useDidShow,
  useDidHide,
  useLoad
}

export default Taro
