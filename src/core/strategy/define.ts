/**
 * `defineStrategy`: a strategy and its parameters, declared once. Each parameter is a `validate/` schema
 * plus the words people see (label, help, unit) and its default; from that one declaration come the
 * spec's validation (`resolve`), the CLI options and `--help` (cli/backtest.ts), the Backtest form's
 * fields, the Settings tab's entries (strategySettingDefinitions) and the report's config.
 * @example
 *   export default defineStrategy({
 *     name: 'breakout', label: 'Breakout',
 *     params: { lookback: param.number({ integer: true, min: 2, max: 500, default: 20, label: 'Lookback (bars)', help: 'Bars of the channel.' }) },
 *     create: ({ lookback }) => ({ name: 'breakout', decide: (ctx) => [] }),
 *   });
 */
import { INVALID, memberPath, number, oneOf, string, validate, type Schema } from '../validate';
import type { Forecaster } from '../forecast/types';
import type { DualModel } from '../ml/model';
import type { Strategy } from './types';

/** How a number is shown: `percent` values are fractions shown as % in Settings (0.02 = 2%). */
export type ParamUnit = 'percent' | 'days' | 'bars' | 'dates';

interface ParamWords {
  label: string;
  /** What the parameter does, shown in Settings and `--help`. */
  help: string;
  /**
   * Shown only in the Settings tab, not in the Backtest form (settings most runs leave alone).
   * The form then takes the user's saved default.
   */
  settingsOnly?: boolean;
  /**
   * The Settings key holding the user's default when it is not this strategy's own
   * (`strategy.<settingsKey>.<param>`), e.g. a value shared with another area.
   */
  setting?: string;
}

export interface NumberParam extends ParamWords {
  kind: 'number';
  schema: Schema<number>;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  unit?: ParamUnit;
  /** Step of the form's spin button (whole numbers step by 1). */
  step?: number;
}

export interface ChoiceParam<C extends string = string> extends ParamWords {
  kind: 'choice';
  schema: Schema<C>;
  default: C;
  choices: readonly C[];
}

/** Free text in a format of the strategy's own (e.g. `SPX:60,AAPL:40`), checked by its `check`. */
export interface TextParam extends ParamWords {
  kind: 'text';
  schema: Schema<string>;
  default: string;
  maxLength: number;
  /** An example value, shown in the empty form field and in `--help`. */
  placeholder: string;
  /** What is wrong with a value (undefined: fine); also the Settings tab's check. */
  check(value: string): string | undefined;
}

export type Param = NumberParam | ChoiceParam | TextParam;
export type Params = Record<string, Param>;
export type ParamValues<P extends Params> = { [K in keyof P]: P[K]['default'] };

/** Parameter builders: the rules go to the `validate/` schema, the words to the form, CLI and Settings. */
export const param = {
  number(rules: { min: number; max: number; integer?: boolean; default: number; unit?: ParamUnit; step?: number } & ParamWords): NumberParam {
    const integer = rules.integer ?? false;
    return { ...rules, kind: 'number', integer, schema: number({ min: rules.min, max: rules.max, integer }) };
  },
  choice<const C extends string>(choices: readonly C[], rules: { default: NoInfer<C> } & ParamWords): ChoiceParam<C> {
    return { ...rules, kind: 'choice', choices, schema: oneOf(choices) };
  },
  /** Text of at most `maxLength` characters; `check` returns what is wrong with a value (undefined: fine). */
  text(rules: { default: string; maxLength: number; placeholder: string; check(value: string): string | undefined } & ParamWords): TextParam {
    const { check } = rules;
    const text = string({ maxLength: rules.maxLength });
    const schema: Schema<string> = {
      expected: text.expected,
      check(value, path, ctx) {
        const s = text.check(value, path, ctx);
        if (s === INVALID) return s;
        const problem = check(s);
        return problem === undefined ? s : ctx.report(path, problem);
      },
    };
    return { ...rules, kind: 'text', schema };
  },
};

/** What some strategies need besides parameters: a model the caller has loaded. */
export interface StrategyDependencies {
  forecaster?: Forecaster;
  /** A saved dual-logistic model; without it the logistic strategy trains walk-forward. */
  logisticModel?: DualModel;
}

export interface StrategyDeclaration<P extends Params> {
  /** Name in the CLI contract (`--strategy NAME`) and in saved runs. */
  name: string;
  /** Name people read (form menu, Settings group). */
  label: string;
  params: P;
  /** Settings keys are `strategy.<settingsKey>.<param>` (default: the name). */
  settingsKey?: string;
  /** Old parameter names still read (saved runs), as old name -> parameter. */
  renamed?: Record<string, string>;
  /** Rules between parameters (e.g. fast < slow): a message when broken. */
  check?(values: ParamValues<P>): string | undefined;
  /** The run's short name in words ("SMA 10/30"). */
  summary?(values: ParamValues<P>): string;
  create(values: ParamValues<P>, deps: StrategyDependencies): Strategy;
}

export interface StrategyDescriptor<P extends Params = Params> extends Omit<StrategyDeclaration<P>, 'create' | 'settingsKey'> {
  readonly kind: 'strategy-descriptor';
  settingsKey: string;
  defaults: ParamValues<P>;
  /** A spec's parameters checked and completed with the defaults (`resolve` and files read with it). */
  schema: Schema<ParamValues<P>>;
  /** Checked, complete values: defaults for what `input` leaves out; a RangeError listing every problem. */
  resolve(input?: Readonly<Record<string, unknown>>): ParamValues<P>;
  /** The strategy for `input` (checked by `resolve`). */
  create(input?: Readonly<Partial<ParamValues<P>>> | Readonly<Record<string, unknown>>, deps?: StrategyDependencies): Strategy;
}

export function defineStrategy<P extends Params>(declaration: StrategyDeclaration<P>): StrategyDescriptor<P> {
  const { create, ...rest } = declaration;
  const defaults = Object.fromEntries(Object.keys(declaration.params).map((k) => [k, declaration.params[k].default])) as ParamValues<P>;
  const schema = paramsSchema(declaration, defaults);
  function resolve(input: Readonly<Record<string, unknown>> = {}): ParamValues<P> {
    const checked = validate(schema, input, { root: declaration.name });
    if (!checked.ok) throw new RangeError(checked.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    return checked.value;
  }
  return {
    ...rest,
    kind: 'strategy-descriptor',
    settingsKey: declaration.settingsKey ?? declaration.name,
    defaults,
    schema,
    resolve,
    create: (input = {}, deps = {}) => create(resolve(input), deps),
  };
}

/**
 * A spec's parameters, each checked by its declared schema at its own path (`sma-cross.fast`) under its
 * current name (old names in `renamed` are read), an unknown one refused with the list of the declared
 * ones (`name` is the spec's own); then the defaults fill the rest and the rules between parameters apply.
 */
function paramsSchema<P extends Params>(declaration: StrategyDeclaration<P>, defaults: ParamValues<P>): Schema<ParamValues<P>> {
  const keys = Object.keys(declaration.params);
  return {
    expected: `the parameters of ${declaration.name}`,
    check(value, path, ctx) {
      const values: Record<string, unknown> = { ...defaults };
      let bad = false;
      for (const [given, v] of Object.entries(value as Record<string, unknown>)) {
        if (given === 'name' || v === undefined) continue;
        const key = declaration.renamed && Object.hasOwn(declaration.renamed, given) ? declaration.renamed[given] : given;
        const p = Object.hasOwn(declaration.params, key) ? declaration.params[key] : undefined;
        const checked = p ? p.schema.check(v, memberPath(path, key), ctx)
          : ctx.report(path, `unknown parameter "${key}" (parameters: ${keys.join(', ') || 'none'})`);
        if (checked === INVALID) bad = true;
        else values[key] = checked;
      }
      if (bad) return INVALID;
      const broken = declaration.check?.(values as ParamValues<P>);
      return broken ? ctx.report(path, broken) : (values as ParamValues<P>);
    },
  };
}

export function isStrategyDescriptor(value: unknown): value is StrategyDescriptor {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'strategy-descriptor';
}

/** The Settings key of a parameter's user default. */
export function paramSettingKey(descriptor: StrategyDescriptor, key: string): string {
  return descriptor.params[key].setting ?? `strategy.${descriptor.settingsKey}.${key}`;
}

/** `returnThresholdBuy` -> `return-threshold-buy` (the CLI option of a parameter). */
export function optionName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A parameter shown in the Backtest form (the parameter sweep offers the numeric ones). */
export interface FormField {
  key: string;
  param: Param;
}

/** The form's fields: the parameters not kept for the Settings tab only, in declaration order. */
export function formFields(descriptor: StrategyDescriptor): FormField[] {
  return Object.entries(descriptor.params).flatMap(([key, p]) => (p.settingsOnly ? [] : [{ key, param: p }]));
}

/** Every parameter's starting value: the user's saved default (Settings tab) where valid, else the declared one. */
export function userParamValues(descriptor: StrategyDescriptor, saved: Readonly<Record<string, unknown>> = {}): Record<string, number | string> {
  return Object.fromEntries(Object.entries(descriptor.params).map(([key, p]) => {
    const value = saved[paramSettingKey(descriptor, key)];
    return [key, value !== undefined && validate<unknown>(p.schema, value).ok ? (value as number | string) : p.default];
  }));
}
