import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [sveltekit()],
  // The workspace packages ship raw TypeScript, so they must be bundled rather than required at runtime.
  ssr: { noExternal: [/^@firebreak\//] },
  server: { fs: { allow: ["../.."] } },
});
