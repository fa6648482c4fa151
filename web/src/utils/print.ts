// Printing one part of a page (a pass, a QR poster): a copy of the element goes into a root of
// its own, and the print stylesheet (styles/main.css) shows only that root while the body has
// `printing`. Copied rather than printed in place so the page's frame (menu, dialogs, overlays)
// leaves no blank pages, and removed when the print dialog closes.

const kRootClass = 'print-root'
const kBodyClass = 'printing'

/** Prints a copy of `element` alone; `win` is the window to print (the real one but in tests). */
export function printElement(element: HTMLElement, win: Window = window): void {
  const doc = win.document
  for (const old of Array.from(doc.querySelectorAll(`.${kRootClass}`))) {
    old.remove()
  }
  const root = doc.createElement('div')
  root.className = kRootClass
  root.appendChild(element.cloneNode(true))
  doc.body.appendChild(root)
  doc.body.classList.add(kBodyClass)
  const done = (): void => {
    root.remove()
    doc.body.classList.remove(kBodyClass)
    win.removeEventListener('afterprint', done)
  }
  win.addEventListener('afterprint', done)
  win.print()
}
