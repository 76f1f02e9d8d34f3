/**
 * Every migration file Django generated in the parity corpus (final files and the intermediate
 * ones `@ tree` steps show), read back into operations and written again: the writer's output
 * must be identical, header line included (the clock is frozen like the corpus's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swappable } from '../../../src/engine/state/fields/related.ts';
import { corpusMigrationFiles, readMigration } from './writer-corpus-loader.ts';
import { write } from './writer-fixtures.ts';

const files = corpusMigrationFiles();

describe('corpus migration files round-trip through the writer', () => {
  beforeAll(() => {
    swappable.settingFor = (label) => (label === 'auth.user' ? 'AUTH_USER_MODEL' : null);
  });
  afterAll(() => {
    swappable.settingFor = () => null;
  });

  it('finds the corpus files', () => {
    expect(files.length).toBeGreaterThan(120);
  });

  for (const f of files) {
    it(`${f.scenario} ${f.path} (${f.origin})`, () => {
      const m = readMigration(f.text, f.app, f.name);
      expect(write(m)).toBe(f.text);
    });
  }
});
