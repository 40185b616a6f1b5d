/** Replies for adapter tests, built from the fixtures under tests/fixtures/providers/ (written from each provider's documentation). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ProviderError, type HttpReply, type ProviderErrorKind } from '../../../src/core/providers';

export function fixture(path: string): string {
  return readFileSync(new URL(`../../fixtures/providers/${path}`, import.meta.url), 'utf8');
}

export function reply(status: number, body: string, headers: Record<string, string> = {}): HttpReply {
  return { status, body, headers };
}

/** Runs `parse` and checks the error kind it throws (sync or async adapters alike). */
export async function expectKind(parse: () => unknown, kind: ProviderErrorKind, message?: RegExp): Promise<ProviderError> {
  let caught: unknown;
  try {
    await parse();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProviderError);
  const error = caught as ProviderError;
  expect(error.kind).toBe(kind);
  if (message) expect(error.message).toMatch(message);
  return error;
}
