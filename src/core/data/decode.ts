/**
 * Bytes of an imported file -> text, refusing what is not text: files over the size limit, empty
 * files, binary files (e.g. an .xlsx saved by mistake) and invalid UTF-8 (e.g. a Windows-1252
 * export). UTF-16 (Excel's "Unicode text") is decoded when it carries a byte-order mark or its
 * zero bytes give it away.
 */
import type { ProblemList } from './problems';

/** Largest file accepted: ~900,000 daily Yahoo rows; bigger files are almost certainly not daily bars. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The UTF-16 byte order implied by NUL bytes in the first bytes of ASCII-heavy text, if any. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (half >= 2 && oddZeros > 0.7 * half && evenZeros === 0) return 'utf-16le';
  if (half >= 2 && evenZeros > 0.7 * half && oddZeros === 0) return 'utf-16be';
  return null;
}

/**
 * Decodes a file's bytes; on failure reports the problem and returns null. `size` is the file's real
 * size when the caller did not read an oversized file at all (bytes then empty).
 */
export function decodeText(bytes: Uint8Array, problems: ProblemList, size = bytes.length): string | null {
  if (size > MAX_IMPORT_BYTES) {
    problems.error(`file too large: ${formatMb(size)} (limit ${formatMb(MAX_IMPORT_BYTES)}); split it by date range`);
    return null;
  }
  if (bytes.length === 0) {
    problems.error('empty file');
    return null;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    problems.note(`decoded as ${utf16.toUpperCase()} text`);
    return new TextDecoder(utf16).decode(bytes);
  }
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) {
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    problems.error(zip ? 'this is a binary (zip/Excel) file, not text: save it as CSV first' : 'binary data, not a text file');
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Locate the first bad byte through a lenient decode, which marks it with U+FFFD.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = lenient.slice(0, at).split('\n').length;
    const context = lenient.slice(Math.max(0, at - 20), at).split('\n').pop();
    problems.error(`not UTF-8 text: invalid byte after "${context}" (Latin-1/Windows-1252 export? re-save the file as UTF-8)`, line);
    return null;
  }
  return text; // TextDecoder already dropped a UTF-8 byte-order mark
}
