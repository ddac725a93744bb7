import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds run Eleventy and Pagefind for real; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file runs in its own process: Eleventy and the build context keep module state.
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "archive", include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"], globalSetup: ["tests/support/testTempRoot.ts"] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          // Builds the sample archive (tests/fixtures/sample/) twice and serves it with nginx, once for the whole suite.
          globalSetup: ["tests/support/testTempRoot.ts", "tests/browser/globalSetup.ts"],
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
