/** Short messages for results and errors; errors keep their details (a stack) for "Copy details", never shown. */
import { writable } from 'svelte/store';

export interface Toast {
  id: number;
  kind: 'success' | 'info' | 'error';
  message: string;
  /** Technical details for a bug report: copied to the clipboard on request, not displayed. */
  details?: string;
  /** The details were copied. */
  copied?: boolean;
}

export const toasts = writable<Toast[]>([]);
let nextId = 1;

/** Shows a toast; success/info disappear after `timeoutMs`, errors stay until dismissed. */
export function toast(kind: Toast['kind'], message: string, details?: string, timeoutMs = 6000): number {
  const id = nextId++;
  toasts.update((list) => [...list.slice(-4), { id, kind, message, details }]);
  if (kind !== 'error') setTimeout(() => dismissToast(id), timeoutMs);
  return id;
}

export function dismissToast(id: number): void {
  toasts.update((list) => list.filter((t) => t.id !== id));
}

export function dismissAllToasts(): void {
  toasts.set([]);
}

/** Toasts shown at once while collapsed: more would cover the page (a phone's whole lower half). */
export const TOASTS_SHOWN = 2;

/** The toasts on screen (the newest `TOASTS_SHOWN` unless expanded) and how many wait behind "more". */
export function visibleToasts(list: readonly Toast[], expanded: boolean): { shown: Toast[]; hidden: number } {
  if (expanded || list.length <= TOASTS_SHOWN) return { shown: [...list], hidden: 0 };
  return { shown: list.slice(-TOASTS_SHOWN), hidden: list.length - TOASTS_SHOWN };
}

/** Puts a toast's details (message, then stack) on the clipboard; says so on the toast, or why not. */
export async function copyToastDetails(t: Toast): Promise<void> {
  try {
    await navigator.clipboard.writeText(`${t.message}\n\n${t.details ?? ''}`);
    toasts.update((list) => list.map((x) => (x.id === t.id ? { ...x, copied: true } : x)));
  } catch (error) {
    toast('info', `Could not copy the details: ${errorDetails(error).message}`);
  }
}

/** The readable details of any thrown value (message plus stack when there is one). */
export function errorDetails(error: unknown): { message: string; details?: string } {
  if (error instanceof Error) return { message: error.message, details: error.stack };
  return { message: String(error) };
}
