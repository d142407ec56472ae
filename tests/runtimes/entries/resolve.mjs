// Copied into the scratch project: resolves bare names the way Node does from there.
import { fileURLToPath } from 'node:url';

export const resolveFromScratch = (name) => fileURLToPath(import.meta.resolve(name));
