// Builds the explorer (src/ui) into dist/ui, which `rightsgraph serve` serves at /.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/ui',
  base: './',
  build: { outDir: '../../dist/ui', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  logLevel: 'warn',
});
