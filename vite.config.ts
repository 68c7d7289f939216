import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: { target: "es2022" },
  ssr: {
    // Native and node-only modules stay external in the server bundle.
    external: ["better-sqlite3"],
  },
});
