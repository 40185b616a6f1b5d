/** One user-adjustable default, with the words the Settings tab shows next to it. */
export type SettingValue = number | boolean | string;

export type SettingArea = 'strategy' | 'backtest' | 'ml' | 'forecast' | 'paper' | 'data';

interface BaseDefinition {
  /** `<area>.<group>.<name>`: also the IndexedDB settings key. */
  key: string;
  area: SettingArea;
  label: string;
  /** What the setting does and when to change it. */
  help: string;
}

export interface NumberDefinition extends BaseDefinition {
  kind: 'number';
  defaultValue: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Shown and entered as a percentage (stored as a fraction). */
  percent?: boolean;
}

export interface BooleanDefinition extends BaseDefinition {
  kind: 'boolean';
  defaultValue: boolean;
}

export interface ChoiceDefinition extends BaseDefinition {
  kind: 'choice';
  defaultValue: string;
  choices: readonly string[];
}

export interface TextDefinition extends BaseDefinition {
  kind: 'text';
  defaultValue: string;
  maxLength: number;
  /** What a valid value looks like, for the error message. */
  pattern?: RegExp;
  patternName?: string;
  /** A check beyond the pattern (a strategy's text parameter): what is wrong, or undefined. */
  check?(value: string): string | undefined;
}

export type SettingDefinition = NumberDefinition | BooleanDefinition | ChoiceDefinition | TextDefinition;
export type SettingValues = Record<string, SettingValue>;
