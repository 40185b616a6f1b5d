/** API keys never appear in messages, logs or files: every text that may hold a URL or a reply goes through here. */

/** `text` with every occurrence of `key` (as typed and URL-encoded) replaced by `***`. */
export function redactKey(text: string, key: string | undefined): string {
  if (!key) return text;
  let out = text;
  for (const form of new Set([key, encodeURIComponent(key)])) out = out.split(form).join('***');
  return out;
}
