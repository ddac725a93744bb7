import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Builds run Eleventy and Pagefind for real; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file runs in its own process: Eleventy and the build context keep module state.
    pool: "forks",
  },
});
