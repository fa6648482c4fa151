// `v-input-testid="'decl-name'"` on a Vant Field or Stepper puts `data-testid` on the native
// input inside it (Vant gives its own attributes to the wrapper), so a test types where a
// person types. Set again on update: a travel row's id follows its index when a row is removed.
import type { Directive } from 'vue'

function mark(el: HTMLElement, testid: string): void {
  el.querySelector('input, textarea')?.setAttribute('data-testid', testid)
}

export const vInputTestid: Directive<HTMLElement, string> = {
  mounted: (el, binding) => mark(el, binding.value),
  updated: (el, binding) => mark(el, binding.value),
}
