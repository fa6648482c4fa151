// Layout state: whether the side menu is collapsed (narrow screens collapse it by themselves).
import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Below this width (a tablet held upright, 1024 wide in landscape) the menu starts collapsed. */
export const kCollapseBelow = 1100

export const useUiStore = defineStore('ui', () => {
  const collapsed = ref(typeof window !== 'undefined' && window.innerWidth < kCollapseBelow)
  function toggle(): void {
    collapsed.value = !collapsed.value
  }
  return { collapsed, toggle }
})
