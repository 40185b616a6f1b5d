/** Saves text as a file through the browser's download (nothing is uploaded anywhere). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name part safe on every OS. */
export function safeFileName(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'export';
}
