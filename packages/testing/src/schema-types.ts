// The spec's types, generated in @skyvern-edge/core (types only: no runtime code is imported).
import type { components } from '../../core/src/generated/schema.js';

/** Every schema of the Skyvern OpenAPI spec, by name. */
export type S = components['schemas'];
