/// <reference types="vitest/config" />
// Vite configuration of the staff web console. The built app (dist/) is served by
// `cordon serve --web web/dist` on the API's own origin; `vite dev` proxies /api to a local server.
import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

// Where `vite dev` sends API calls: a `cordon serve` on its default address.
const kApiTarget = process.env.CORDON_API ?? 'http://127.0.0.1:8080'

// Element Plus and the libraries that come with it.
const kElementPlus =
  /[\\/]node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@vueuse|lodash-es|lodash-unified|dayjs|async-validator|@ctrl|memoize-one|normalize-wheel-es)[\\/]/

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus functions (ElMessage, ElMessageBox) with their styles, imported on use.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'auto-imports.d.ts',
    }),
    // Element Plus components used in templates, each with its own CSS.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
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
    // Element Plus alone is ~300 kB minified; the groups below keep each vendor in its own file.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The Vue runtime first and highest, so no other group pulls it in.
            {
              name: 'vue',
              test: /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify|vue-demi)[\\/]/,
              priority: 30,
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
