/** The build id (vite.config.ts `define`); absent in unit tests. */
declare const __OPENLINE_BUILD__: string | undefined;
