// Keeps the API key out of answers: the key and its base64 forms (at each of the three byte
// alignments, standard and URL alphabets) are replaced, also when split across stream chunks.

export const REDACTED = '[redacted]';

/** The strings that give the key away: itself, and every base64 run that encodes only key bytes. */
export function keyNeedles(apiKey: string): string[] {
  const needles = new Set([apiKey]);
  const bytes = new TextEncoder().encode(apiKey);
  for (let offset = 0; offset < 3; offset++) {
    let binary = 'x'.repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    // Characters whose 6 bits all come from the key: from ceil(8·offset/6) to floor(8·(offset+n)/6).
    const run = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    needles.add(run);
    needles.add(run.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...needles];
}

export function scrubText(text: string, needles: readonly string[]): string {
  let out = text;
  for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
  return out;
}

/**
 * A text stream scrubbed on the fly: the last (longest needle − 1) characters are held back
 * until the next chunk, so a key split across chunks is still caught.
 */
export function scrubStream(
  stream: ReadableStream<Uint8Array>,
  needles: readonly string[],
): ReadableStream<Uint8Array> {
  const hold = Math.max(...needles.map((needle) => needle.length)) - 1;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry = '';
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = scrubText(carry + decoder.decode(chunk, { stream: true }), needles);
        carry = text.slice(Math.max(0, text.length - hold));
        const ready = text.slice(0, text.length - carry.length);
        if (ready) controller.enqueue(encoder.encode(ready));
      },
      flush(controller) {
        const rest = scrubText(carry + decoder.decode(), needles);
        if (rest) controller.enqueue(encoder.encode(rest));
      },
    }),
  );
}
