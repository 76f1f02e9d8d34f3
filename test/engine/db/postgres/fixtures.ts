/**
 * Stand-ins for stdlib callables used as field defaults in the corpus (uuid.uuid4,
 * timezone.now): they return values that adapt like psycopg2 adapts UUID/datetime objects.
 */
import { NativeFunction } from '../../../../src/engine/python/objects.ts';
import { SqlLiteral } from '../../../../src/engine/db/postgres/values.ts';

let counter = 0;

/** `uuid.uuid4`: a fresh UUID literal on every call. */
export const UUID4 = new NativeFunction(
  'uuid4',
  () => {
    counter++;
    const hex = counter.toString(16).padStart(12, '0');
    const u = `6feb835c-8026-4e4c-a51a-${hex}`;
    return new SqlLiteral(`'${u}'::uuid`, `UUID('${u}')`);
  },
  { module: 'uuid', qualname: 'uuid4' },
);

/** The UUID shape the corpus comparison accepts as "some UUID". */
export const SOME_UUID = /'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'::uuid/g;

/** Replaces every UUID literal by a placeholder, for comparing with the corpus. */
export function anyUuid(lines: string[]): string[] {
  return lines.map((l) => l.replace(SOME_UUID, "'<uuid>'::uuid"));
}
