/**
 * The parts of squashmigrations that do not need a project: what the squash depends on, what it
 * replaces, and its name.
 */
import { describe, expect, test } from 'vitest';
import { Dependency, Migration } from '../../../src/engine/migrations/migration.ts';
import { collectSquashParts, squashedMigration } from '../../../src/engine/migrations/squash.ts';
import { DeleteModel } from '../../../src/engine/operations/models.ts';
import { PyException } from '../../../src/engine/python/objects.ts';

function mig(name: string, deps: Dependency[], replaces: [string, string][] = []): Migration {
  const m = new Migration(name, 'shop');
  m.dependencies = deps;
  m.replaces = replaces;
  m.operations = [DeleteModel.create(`M${name.slice(0, 4)}`)];
  return m;
}

const keys = (deps: Dependency[]) => deps.map((d) => `${d.appLabel}.${d.name}`);

describe('collectSquashParts', () => {
  test("the first migration's dependencies are all kept, later ones only for other apps", () => {
    const parts = collectSquashParts(
      [
        mig('0002_a', [new Dependency('shop', '0001_initial'), new Dependency('crm', '0001_initial')]),
        mig('0003_b', [new Dependency('shop', '0002_a'), new Dependency('crm', '0001_initial'), new Dependency('crm', '0002_x')]),
      ],
      'auth.User',
    );
    expect(keys(parts.dependencies)).toEqual(['shop.0001_initial', 'crm.0001_initial', 'crm.0002_x']);
    expect(parts.operations.map((o) => o.describe())).toEqual(['Delete model M0002', 'Delete model M0003']);
    expect(parts.replaces).toEqual([
      ['shop', '0002_a'],
      ['shop', '0003_b'],
    ]);
  });

  test('a swappable dependency on AUTH_USER_MODEL becomes ("__setting__", "AUTH_USER_MODEL")', () => {
    const user = new Dependency('auth', '__first__', 'auth.User', 'AUTH_USER_MODEL');
    const other = new Dependency('people', '__first__', 'people.Person', 'OTHER_MODEL');
    const parts = collectSquashParts([mig('0001_initial', [user, other])], 'auth.User');
    expect(keys(parts.dependencies)).toEqual(['__setting__.AUTH_USER_MODEL', 'people.__first__']);
    expect(parts.dependencies[1]!.swappableSetting).toBeNull();
  });

  test('replaces of an already squashed migration are carried over', () => {
    const parts = collectSquashParts(
      [
        mig('0001_squashed_0002_b', [], [
          ['shop', '0001_initial'],
          ['shop', '0002_b'],
        ]),
        mig('0003_c', [new Dependency('shop', '0001_squashed_0002_b')]),
      ],
      'auth.User',
    );
    expect(parts.replaces).toEqual([
      ['shop', '0001_initial'],
      ['shop', '0002_b'],
      ['shop', '0003_c'],
    ]);
  });
});

describe('squashedMigration', () => {
  const parts = collectSquashParts([mig('0002_a', []), mig('0003_b', [])], 'auth.User');
  const end = mig('0003_b', []);

  test('names and initial', () => {
    const all = squashedMigration('shop', parts, parts.operations, { start: null, end, squashedName: null });
    expect([all.name, all.initial]).toEqual(['0001_squashed_0003_b', true]);
    const named = squashedMigration('shop', parts, parts.operations, { start: null, end, squashedName: 'everything' });
    expect(named.name).toBe('0001_everything');
    const range = squashedMigration('shop', parts, parts.operations, { start: mig('0002_a', []), end, squashedName: null });
    expect([range.name, range.initial]).toEqual(['0002_a_squashed_0003_b', null]);
    const rangeNamed = squashedMigration('shop', parts, parts.operations, { start: mig('0002_a', []), end, squashedName: 'tidy' });
    expect(rangeNamed.name).toBe('0002_tidy');
  });

  test('--squashed-name with a start migration without "_" fails like the tuple unpacking', () => {
    let err: unknown;
    try {
      squashedMigration('shop', parts, parts.operations, { start: mig('0002', []), end, squashedName: 'tidy' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PyException);
    expect((err as PyException).lastLine).toBe('ValueError: not enough values to unpack (expected 2, got 1)');
  });
});
