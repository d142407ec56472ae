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
