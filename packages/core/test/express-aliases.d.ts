// express 4 and 5 are devDependencies under npm aliases (no @types for those names): the tests
// only need an app that can `use` a listener (under a path or not) and be listened to, and the
// JSON body parser the README mounts after the proxy.
declare module 'express4' {
  const express: {
    (): import('node:http').RequestListener & { use(...pathAndHandler: unknown[]): void };
    json(): (...args: any[]) => void;
  };
  export default express;
}
declare module 'express5' {
  const express: {
    (): import('node:http').RequestListener & { use(...pathAndHandler: unknown[]): void };
    json(): (...args: any[]) => void;
  };
  export default express;
}
