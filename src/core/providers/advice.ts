/**
 * Provider errors in the user's words, with the way out that fits where they are (the app or the CLI).
 * Never quotes a key: `fetchBars` has already removed it from the message.
 */
import { getProvider } from './registry';
import { ProviderError, type ProviderAdapter, type ProviderErrorKind } from './types';

export type Shell = 'browser' | 'cli';

type Advice = (adapter: ProviderAdapter | undefined, shell: Shell) => string;

const keyHint = (adapter: ProviderAdapter | undefined, shell: Shell) =>
  shell === 'cli' ? `--api-key or ${adapter?.keyEnv ?? 'the provider\'s environment variable'}` : 'the key field of Get prices';

const ADVICE: Record<ProviderErrorKind, Advice> = {
  blocked: (a, shell) =>
    shell === 'browser'
      ? `The browser blocked the reply: ${a?.label ?? 'this provider'} does not let web pages of other sites read its data (CORS). ` +
        'Ways out: set a CORS proxy URL prefix in Settings, publish the prices with the site\'s GitHub Pages feed (docs/hosting.md), ' +
        `or run the CLI (npm run -s cli -- fetch --provider ${a?.id ?? 'NAME'} ...) and import its file.`
      : `${a?.label ?? 'The provider'} refused this client (it may block data-centre addresses or scripts). Try again later or use another provider.`,
  offline: (_a, shell) =>
    shell === 'browser' ? 'No reply: check the internet connection, and the CORS proxy prefix if you set one.' : 'No reply: check the network connection and --base-url.',
  'bad-key': (a, shell) => `Check the API key for ${a?.label ?? 'this provider'} (${keyHint(a, shell)}).`,
  'rate-limited': (a) => `${a?.label ?? 'The provider'} limits how often it may be asked. Wait a minute and try again, or fetch fewer symbols at once.`,
  'unknown-symbol': (a) => `Check the ticker as ${a?.label ?? 'the provider'} writes it (exchange suffixes differ between providers).`,
  premium: (a) => `This data needs a paid ${a?.label ?? 'provider'} plan. Choose another provider for it.`,
  'no-data': () => 'Nothing in that date range: widen the range or leave it empty for all history.',
  malformed: (a) => `${a?.label ?? 'The provider'} sent a reply Quant Lens cannot read (its format may have changed). Try another provider.`,
  http: () => 'The provider failed to answer properly. Try again later.',
};

/** One message: what went wrong for which symbol at which provider, then what to do. */
export function describeProviderError(error: unknown, options: { shell: Shell }): string {
  if (!(error instanceof ProviderError)) return error instanceof Error ? error.message : String(error);
  const adapter = getProvider(error.provider);
  return `${adapter?.label ?? error.provider}, ${error.symbol}: ${error.message}. ${ADVICE[error.kind](adapter, options.shell)}`;
}
