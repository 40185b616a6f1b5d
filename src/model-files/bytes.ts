/** One Uint8Array holding `chunks` back to back (the chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[], size = chunks.reduce((sum, c) => sum + c.byteLength, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
