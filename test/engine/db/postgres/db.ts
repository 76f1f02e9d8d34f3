/** The test database: a real in-memory PGlite behind the engine's PGliteConnection. */
import { openPGlite } from '../../../../src/engine/db/node-pglite.ts';
import { type PGliteConnection, resetDatabase } from '../../../../src/engine/db/connection.ts';

export type TestDb = PGliteConnection;

export async function openTestDb(): Promise<PGliteConnection> {
  return openPGlite();
}

/** A brand-new empty database (schemas, roles, settings reset) and a fresh session. */
export function resetDb(conn: PGliteConnection): void {
  resetDatabase(conn);
}
