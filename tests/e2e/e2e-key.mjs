// The Skyvern API key of the browser end-to-end test: fixed, long and distinctive, so that
// finding it anywhere the browser can see (an answer, a header, the built JavaScript) is
// never a coincidence. scripts/test-e2e.sh also builds the app with it in SKYVERN_API_KEY,
// to prove that a key in the build's environment does not reach the bundle.
export const E2E_API_KEY = 'sk-e2e-cd75550d8d9f0ec3ecc19ffb8658a5ef';
