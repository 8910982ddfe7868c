import { fileURLToPath, URL } from 'node:url'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// One build, one page per audience (docs/frontend.md). The output goes into the jar's static resources, so the app
// serves every face itself: / (landing) and, as they arrive, /signup/, /hq/, /store/, /ops/ and /shop/.
const root = fileURLToPath(new URL('.', import.meta.url))
const out = process.env.MENDIAN_WEB_OUT || resolve(root, '../../../target/classes/META-INF/resources')

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': resolve(root, 'src') } },
  build: {
    outDir: out,
    // The directory also holds other static resources of the build: never wipe it.
    emptyOutDir: false,
    assetsDir: 'assets',
    // ECharts (bar charts only) is one lazy ~500 kB chunk loaded by the report pages alone.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: {
        landing: resolve(root, 'index.html'),
        signup: resolve(root, 'signup/index.html'),
        hq: resolve(root, 'hq/index.html'),
        store: resolve(root, 'store/index.html'),
        shop: resolve(root, 'shop/index.html'),
        ops: resolve(root, 'ops/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` serves the pages with hot reload and sends API calls to the app started by ./mvnw -Pdemo.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/q': 'http://127.0.0.1:8080',
      '/sandbox': 'http://127.0.0.1:8080',
    },
  },
})
