/** Short messages for results and errors; errors keep their details for a "Details" disclosure. */
import { writable } from 'svelte/store';

export interface Toast {
  id: number;
  kind: 'success' | 'info' | 'error';
  message: string;
  details?: string;
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

/** The readable details of any thrown value (message plus stack when there is one). */
export function errorDetails(error: unknown): { message: string; details?: string } {
  if (error instanceof Error) return { message: error.message, details: error.stack };
  return { message: String(error) };
}
