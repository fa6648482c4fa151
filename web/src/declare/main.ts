// Entry of the resident's health declaration page (declare.html, served for /d/{community code}).
// Apart from the console: Vant rather than Element Plus, its own few messages and no sign-in.
// It shares only the HTTP wrapper, which here sends the page's language and never a token.
import { Locale } from 'vant'
import vantEn from 'vant/es/locale/lang/en-US'
import vantZh from 'vant/es/locale/lang/zh-CN'
import { createApp, watch } from 'vue'

import { configureHttp } from '@/api/http'

import App from './App.vue'
import { language, setLanguage } from './locales'
import './styles.css'

configureHttp({ getLanguage: () => language.value })

// Vant's own words (the cascader's "请选择", "确认") follow the page's language.
watch(
  language,
  (current) => {
    if (current === 'en') {
      Locale.use('en-US', vantEn)
    } else {
      Locale.use('zh-CN', vantZh)
    }
  },
  { immediate: true },
)
setLanguage(language.value)

createApp(App).mount('#app')
