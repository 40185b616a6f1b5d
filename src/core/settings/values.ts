/**
 * Checking, resolving and grouping setting values; the settings file format (export/import).
 * Stored values are only trusted after `checkSettingValue`, so a bad import changes nothing.
 */
import { EXCERPT_CHARS, excerpt, jsonNestingDepth, jsonSyntaxError } from '../validate';
import { settingDefinitions } from './registry';
import type { SettingDefinition, SettingValue, SettingValues } from './types';

const byKey = new Map(settingDefinitions.map((d) => [d.key, d]));

export function findSetting(key: string): SettingDefinition | undefined {
  return byKey.get(key);
}

/** Undefined when valid, else a message naming the setting and what it expects. */
export function checkSettingValue(definition: SettingDefinition, value: unknown): string | undefined {
  const name = `${definition.key} (${definition.label})`;
  switch (definition.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${name}: expected a number, got ${excerpt(value)}`;
      if (definition.integer && !Number.isInteger(value)) return `${name}: expected a whole number, got ${value}`;
      if (value < definition.min || value > definition.max) return `${name}: must be between ${definition.min} and ${definition.max}, got ${value}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${name}: expected true or false, got ${excerpt(value)}`;
    case 'choice':
      return typeof value === 'string' && definition.choices.includes(value) ? undefined : `${name}: expected one of ${definition.choices.join(', ')}, got ${excerpt(value)}`;
    case 'text':
      if (typeof value !== 'string') return `${name}: expected text, got ${excerpt(value)}`;
      if (value.length > definition.maxLength) return `${name}: at most ${definition.maxLength} characters, got ${value.length}`;
      if (definition.pattern && !definition.pattern.test(value)) return `${name}: expected ${definition.patternName ?? 'a different format'}, got ${excerpt(value)}`;
      return definition.check?.(value) === undefined ? undefined : `${name}: ${definition.check(value)}`;
  }
}

/** Every setting's effective value: the stored one when valid, else the default. */
export function resolveSettingValues(stored: Readonly<Record<string, unknown>>): SettingValues {
  const out: SettingValues = {};
  for (const d of settingDefinitions) {
    const value = stored[d.key];
    out[d.key] = value !== undefined && checkSettingValue(d, value) === undefined ? (value as SettingValue) : d.defaultValue;
  }
  return out;
}

/**
 * The values under a key prefix as an object, e.g. `group(values, 'strategy.forecast.')` gives
 * `{returnThresholdBuy, ...}` ready to spread over an area's defaults.
 */
export function settingsGroup<T extends object>(values: SettingValues, prefix: string): Partial<T> {
  const out: Record<string, SettingValue> = {};
  for (const [key, value] of Object.entries(values)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out as Partial<T>;
}

export const SETTINGS_FILE_FORMAT = 'quant-lens-settings';

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: 1;
  exportedAt: string;
  values: SettingValues;
}

export function exportSettings(values: SettingValues, now = new Date()): SettingsFile {
  return { format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: now.toISOString(), values: { ...values } };
}

/**
 * A settings file is a few kilobytes (one small value per setting): far larger or deeper text is
 * refused before it is parsed, so a hostile file cannot exhaust memory or the stack.
 */
export const SETTINGS_FILE_LIMITS = { maxChars: 1_000_000, maxDepth: 4, maxProblems: 20 } as const;

/**
 * Parses a settings file; every value is checked and unknown keys are refused (a typo would
 * otherwise be silently ignored). Throws one Error listing the problems (at most
 * `SETTINGS_FILE_LIMITS.maxProblems`, each quoting at most a short excerpt); returns only valid values.
 */
export function importSettings(text: string): SettingValues {
  return readSettingsFile(text).values;
}

/** `importSettings`, also giving the parsed file, for fields outside the registry (the optional API keys). */
export function readSettingsFile(text: string): { values: SettingValues; file: Readonly<Record<string, unknown>> } {
  const { maxChars, maxDepth, maxProblems } = SETTINGS_FILE_LIMITS;
  if (text.length > maxChars) throw new Error(`Not a settings file: ${text.length} characters, a settings file has at most ${maxChars}`);
  if (jsonNestingDepth(text, maxDepth) > maxDepth) throw new Error(`Not a settings file: nested deeper than ${maxDepth} levels (each setting is a single number, text or true/false)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`Not a settings file: ${jsonSyntaxError(e)}`);
  }
  const file = parsed as Partial<SettingsFile> | null;
  if (!file || typeof file !== 'object' || file.format !== SETTINGS_FILE_FORMAT) throw new Error(`Not a settings file: expected "format": "${SETTINGS_FILE_FORMAT}"`);
  if (file.version !== 1) throw new Error(`Unsupported settings file version ${excerpt(file.version)} (this app reads version 1)`);
  if (!file.values || typeof file.values !== 'object' || Array.isArray(file.values)) throw new Error('Not a settings file: "values" must be an object');
  const problems: string[] = [];
  const values: SettingValues = {};
  for (const [key, value] of Object.entries(file.values)) {
    const definition = byKey.get(key);
    if (!definition) problems.push(`values.${key.length <= EXCERPT_CHARS ? key : excerpt(key)}: unknown setting`);
    else {
      const problem = checkSettingValue(definition, value);
      if (problem) problems.push(`values.${problem}`);
      else values[key] = value as SettingValue;
    }
  }
  if (problems.length) {
    const more = problems.length > maxProblems ? `; and ${problems.length - maxProblems} more` : '';
    throw new Error(`Settings file refused, nothing changed: ${problems.slice(0, maxProblems).join('; ')}${more}`);
  }
  return { values, file: file as Record<string, unknown> };
}
