/** Release version baked in by vite.config.ts (`QL_APP_VERSION` env var, else package.json version). */
declare const __APP_VERSION__: string;
