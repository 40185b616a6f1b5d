/**
 * A user's strategy file turned into a strategy inside the compute worker, from its source text: the code
 * is never fetched from anywhere nor sent anywhere. The one thing it may import is the public API,
 * `'quant-lens'` (src/core/index.ts), handed to it directly; any other import is refused by name.
 *
 * How: sucrase (loaded on first use only) strips TypeScript from a .ts file and turns the module's
 * imports and exports into `require` / `exports` (so a bare `'quant-lens'`, which a module in the browser
 * cannot resolve, becomes a call we answer). Sucrase parses .js files too, which gives every syntax error
 * a line and column, and keeps line numbers. The result is wrapped in a function inside a data: module
 * (no eval) and called with our `require`; each load runs the file's top level anew, so no state leaks
 * from one run into the next.
 */
import type { StrategyDescriptor } from '../../src/core/strategy/define';
import { StrategyFileError, strategyFromExport } from '../../src/core/strategy/user-strategy';

/** The public API, what `import ... from 'quant-lens'` gives a strategy file. */
export const PUBLIC_API = 'quant-lens';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function kindOf(fileName: string): 'typescript' | 'javascript' {
  if (/\.m?ts$/i.test(fileName)) return 'typescript';
  if (/\.m?js$/i.test(fileName)) return 'javascript';
  throw new StrategyFileError(`${fileName}: a strategy file is JavaScript (.js, .mjs) or TypeScript (.ts, .mts)`);
}

/** The file as a CommonJS function body; a syntax error names the file, line and column. */
async function compile(fileName: string, source: string): Promise<string> {
  const kind = kindOf(fileName);
  const { transform } = await import('sucrase');
  try {
    return transform(source, { transforms: kind === 'typescript' ? ['typescript', 'imports'] : ['imports'], filePath: fileName }).code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const what = messageOf(error).replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
    throw new StrategyFileError(loc ? `${fileName}: syntax error at line ${loc.line}, column ${loc.column}: ${what}` : `${fileName}: syntax error: ${what}`);
  }
}

type ModuleBody = (require: (specifier: string) => unknown, module: { exports: Record<string, unknown> }, exports: Record<string, unknown>) => Promise<void>;

/** Runs the compiled file and returns its default export. */
async function evaluate(fileName: string, code: string): Promise<unknown> {
  const api = await import('../../src/core/index');
  const require = (specifier: string): unknown => {
    if (specifier === PUBLIC_API) return api;
    throw new StrategyFileError(`${fileName}: imports "${specifier}", but a strategy file in the app may import only from '${PUBLIC_API}' (its code runs here, offline, and is never sent anywhere)`);
  };
  // On the first line, so the file's line numbers stay as written.
  const wrapped = `export default async function (require, module, exports) {${code}\n}`;
  let body: ModuleBody;
  try {
    body = (await import(/* @vite-ignore */ `data:text/javascript;charset=utf-8,${encodeURIComponent(wrapped)}`)).default;
  } catch (error) {
    throw new StrategyFileError(`${fileName}: syntax error: ${messageOf(error)}`);
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    await body(require, module, module.exports);
  } catch (error) {
    if (error instanceof StrategyFileError) throw error;
    throw new StrategyFileError(`${fileName}: failed while loading: ${messageOf(error)}`, { cause: error });
  }
  return module.exports.default;
}

/** The strategy a file declares (see strategyFromExport for what its default export may be). */
export async function loadStrategySource(fileName: string, source: string): Promise<StrategyDescriptor> {
  return strategyFromExport(await evaluate(fileName, await compile(fileName, source)), fileName);
}
