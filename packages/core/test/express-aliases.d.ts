// express 4 and 5 are devDependencies under npm aliases (no @types for those names): the tests
// only need an app that can `use` a listener and be listened to.
declare module 'express4' {
  const express: () => import('node:http').RequestListener & {
    use(path: string, handler: (...args: any[]) => void): void;
  };
  export default express;
}
declare module 'express5' {
  const express: () => import('node:http').RequestListener & {
    use(path: string, handler: (...args: any[]) => void): void;
  };
  export default express;
}
