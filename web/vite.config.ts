/// <reference types="vitest/config" />
// Vite configuration of the web front end, three pages: the staff console (index.html, Element
// Plus), the resident's health declaration page (declare.html, Vant), which the server sends for
// any path under /d/, and the gate checkpoint station (station.html, plain Vue, with its service
// worker), sent for /station and any path under it. The built app (dist/) is served by
// `cordon serve --web web/dist` on the API's own origin; `vite dev` proxies /api to a local server.
import { fileURLToPath, URL } from 'node:url'

import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { type Connect, defineConfig, type Plugin } from 'vite'

import { stationServiceWorker } from './scripts/station-sw-plugin.ts'

// Where `vite dev` sends API calls: a `cordon serve` on its default address.
const kApiTarget = process.env.CORDON_API ?? 'http://127.0.0.1:8080'

// Element Plus and the libraries that come with it.
const kElementPlus =
  /[\\/]node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@vueuse|lodash-es|lodash-unified|dayjs|async-validator|@ctrl|memoize-one|normalize-wheel-es)[\\/]/

// Vant and its helpers: only the declaration page uses them.
const kVant = /[\\/]node_modules[\\/](vant|@vant)[\\/]/

/** `/d/{community code}`, the address of the declaration page, as the server routes it. */
const kDeclarePath = /^\/d\/[^/?#]+\/?(?:[?#]|$)/

/** `/station` and any path under it (not /station.html, not /station-sw.js): the station. */
const kStationPath = /^\/station(?:\/[^?#]*)?(?:[?#]|$)/

/**
 * Does for `vite dev` and `vite preview` what the server does: /d/... gets declare.html and
 * /station... station.html.
 */
function pageRoutes(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    if (req.url && kDeclarePath.test(req.url)) {
      req.url = '/declare.html'
    } else if (req.url && kStationPath.test(req.url)) {
      req.url = '/station.html'
    }
    next()
  }
  return {
    name: 'cordon-page-routes',
    configureServer: (server) => {
      server.middlewares.use(rewrite)
    },
    configurePreviewServer: (server) => {
      server.middlewares.use(rewrite)
    },
  }
}

export default defineConfig({
  plugins: [
    vue(),
    pageRoutes(),
    // dist/station-sw.js, the station's service worker, with its file list from the manifest.
    stationServiceWorker(),
    // Element Plus functions (ElMessage, ElMessageBox) with their styles, imported on use.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'auto-imports.d.ts',
    }),
    // Element Plus (El*) and Vant (Van*) components used in templates, each with its own CSS.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' }), VantResolver({ importStyle: 'css' })],
      dirs: [],
      dts: 'components.d.ts',
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': { target: kApiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // dist/.vite/manifest.json: what each page loads first, for scripts/check-size.mjs.
    manifest: true,
    // Element Plus alone is ~300 kB minified; the groups below keep each vendor in its own file.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        declare: fileURLToPath(new URL('./declare.html', import.meta.url)),
        station: fileURLToPath(new URL('./station.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          groups: [
            // The Vue runtime first and highest, so no other group pulls it in; every page loads it.
            {
              name: 'vue',
              test: /[\\/]node_modules[\\/](vue|@vue[\\/](runtime-core|runtime-dom|reactivity|shared))[\\/]/,
              priority: 30,
            },
            // The console's Vue libraries, apart, so the declaration page does not load them.
            {
              name: 'vue-libs',
              test: /[\\/]node_modules[\\/](vue-router|pinia|vue-i18n|@intlify|vue-demi|@vue[\\/]devtools-[a-z]+)[\\/]/,
              priority: 28,
            },
            // Vant as the declaration page first needs it; the rest (the address cascader) comes
            // with the chunk that uses it.
            {
              name: 'vant',
              test: kVant,
              tags: ['$initial'],
              priority: 25,
            },
            // The station's camera scanner (html5-qrcode and ZXing): loaded when the camera is opened.
            {
              name: 'html5-qrcode',
              test: /[\\/]node_modules[\\/]html5-qrcode[\\/]/,
              priority: 22,
            },
            // ECharts is only for the dashboard: its own chunk, loaded with that page.
            {
              name: 'echarts',
              test: /[\\/]node_modules[\\/](echarts|zrender|vue-echarts|tslib)[\\/]/,
              priority: 20,
            },
            // Element Plus as the frame and the sign-in page need it (what the entry imports)...
            {
              name: 'element-plus',
              test: kElementPlus,
              tags: ['$initial'],
              priority: 12,
            },
            // ...and the rest (tables, trees, pickers, upload), loaded with the first working page.
            {
              name: 'element-plus-pages',
              test: kElementPlus,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.ts'],
  },
})
