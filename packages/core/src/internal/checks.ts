import * as v from 'valibot';

/**
 * Skyvern accepts bare hosts ("example.com") as well as full URLs, so the check
 * only refuses what cannot be a URL at all: blanks, spaces, or an unparsable value.
 */
export const urlLike: v.CheckAction<string, string> = /* @__PURE__ */ v.check<string, string>((value) => {
  const text = value.trim();
  if (!text || /\s/.test(text)) return false;
  try {
    new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid URL');

/** A closed request enum: the spec's values only; the message lists them (never the value received). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T): v.PicklistSchema<T, string> {
  return v.picklist(values, `must be one of ${values.map((x) => `'${x}'`).join(', ')}`);
}
