/** The @electric-sql/pglite version, set by vite.config.ts (`define`). */
declare const __PGLITE_VERSION__: string;
