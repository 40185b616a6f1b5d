/**
 * A user's strategy file, whatever loaded it (the CLI's `--strategy ./file.ts`, the app's compute
 * worker): what its default export may be, and the errors that name the file. One implementation, so
 * the CLI and the app accept the same files.
 */
import { defineStrategy, formFields, isStrategyDescriptor, type ChoiceParam, type NumberParam, type StrategyDescriptor, type TextParam } from './define';
import type { DecisionContext, Strategy } from './types';

/** A problem with a strategy file; the message starts with the file's name. */
export class StrategyFileError extends Error {
  override name = 'StrategyFileError';
}

const isStrategy = (value: unknown): value is Strategy =>
  typeof value === 'object' && value !== null && typeof (value as Strategy).decide === 'function';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A cancelled run stops as cancelled, not as the strategy's failure. */
const isCancel = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/**
 * The strategy with its errors naming the file, the strategy and the date of the decision that failed,
 * so "x is undefined" becomes "trend.ts: strategy "trend" failed on 2020-03-16: x is undefined".
 */
function guarded(strategy: Strategy, fileName: string): Strategy {
  const fail = (when: string, error: unknown): never => {
    if (isCancel(error)) throw error;
    const message = messageOf(error);
    const said = message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message; // the file is named once
    throw new StrategyFileError(`${fileName}: strategy "${strategy.name}" failed ${when}: ${said}`, { cause: error });
  };
  // Synchronous stays synchronous (the engine awaits only promises); the date is read before the engine moves on.
  const decide = (ctx: DecisionContext) => {
    const date = ctx.date;
    try {
      const out = strategy.decide(ctx);
      return out instanceof Promise ? out.catch((error: unknown) => fail(`on ${date}`, error)) : out;
    } catch (error) {
      return fail(`on ${date}`, error);
    }
  };
  const prepare = strategy.prepare;
  return {
    name: strategy.name,
    decide,
    ...(prepare && {
      async prepare(...args: Parameters<NonNullable<Strategy['prepare']>>) {
        try {
          await prepare.apply(strategy, args);
        } catch (error) {
          fail('while preparing', error);
        }
      },
    }),
  };
}

/**
 * The strategy a file's default export declares: a `defineStrategy` descriptor as it is, a `Strategy`
 * or a factory returning one as a descriptor without parameters (named after the strategy, else the
 * file). Its defaults must pass its own checks. The strategies it creates name the file and the date
 * when they throw. A StrategyFileError says what is wrong.
 */
export function strategyFromExport(exported: unknown, fileName: string): StrategyDescriptor {
  const fallbackName = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  let descriptor: StrategyDescriptor;
  if (isStrategyDescriptor(exported)) {
    descriptor = exported;
  } else if (isStrategy(exported)) {
    const name = typeof exported.name === 'string' && exported.name ? exported.name : fallbackName;
    descriptor = defineStrategy({ name, label: name, params: {}, create: () => exported });
  } else if (typeof exported === 'function') {
    descriptor = defineStrategy({
      name: fallbackName, label: fallbackName, params: {},
      create() {
        const made: unknown = exported({});
        if (!isStrategy(made)) throw new StrategyFileError(`${fileName}: the default export's factory did not return a strategy (an object with a decide function)`);
        return made;
      },
    });
  } else {
    throw new StrategyFileError(`${fileName}: the default export must be a strategy (an object with a decide function), a function returning one, or defineStrategy(...); it is ${exported === undefined ? 'missing' : typeof exported}`);
  }
  try {
    descriptor.resolve(descriptor.defaults); // given as input, so each default is checked too
  } catch (error) {
    throw new StrategyFileError(`${fileName}: the strategy's own defaults are refused: ${messageOf(error)}`);
  }
  return { ...descriptor, create: (input, deps) => guarded(descriptor.create(input, deps), fileName) };
}

/** A parameter as plain data (no schema, no check function), so it can travel between worker and page. */
export type ParamView = Omit<NumberParam, 'schema'> | Omit<ChoiceParam, 'schema'> | Omit<TextParam, 'schema' | 'check'>;

export interface FieldView {
  key: string;
  param: ParamView;
}

/** The Backtest form's fields of a strategy (formFields) as plain data. */
export function fieldViews(descriptor: StrategyDescriptor): FieldView[] {
  return formFields(descriptor).map(({ key, param }) => {
    const { schema: _schema, ...shown } = param;
    if (shown.kind !== 'text') return { key, param: shown };
    const { check: _check, ...text } = shown;
    return { key, param: text };
  });
}
