/** Page configs call Taro's build-time global definePageConfig; in jest it returns the config as it is. */
;(globalThis as { definePageConfig?: (c: unknown) => unknown }).definePageConfig ??= (c: unknown) => c
export {}
