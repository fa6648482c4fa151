// Entry: wires the HTTP wrapper to the session, the language and the router, then mounts.
import { createPinia } from 'pinia'
import { createApp } from 'vue'

import App from './App.vue'
import { configureHttp } from './api/http'
import { currentLanguage, i18n, setLanguage } from './locales'
import { router, signInLocation } from './router'
import { useSessionStore } from './stores/session'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const session = useSessionStore(pinia)
setLanguage(currentLanguage())

configureHttp({
  getToken: () => session.token,
  getLanguage: () => currentLanguage(),
  onUnauthorized: (error) => {
    // Any 401 means the session is gone: forget it and say why on the sign-in page.
    session.clear()
    const current = router.currentRoute.value
    // On the sign-in page already, or before the first page is shown (the route guard is
    // restoring the session and sends the user to sign-in itself, keeping the page asked for).
    if (current.meta.public || current.matched.length === 0) {
      return
    }
    const reason = error.code === 'auth.session_expired' ? 'session_expired' : 'unauthenticated'
    void router.replace(signInLocation(reason, current.fullPath))
  },
})

app.use(router)
app.mount('#app')
