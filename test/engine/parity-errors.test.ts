/**
 * The bad-input scenarios under test/parity-errors/ (a learner's syntax errors, broken imports,
 * settings, migration files, failing RunPython/RunSQL and shell code), each recorded with real
 * Django 5.2.18 by shared/oracle/run.sh, must match it completely (see test/helpers/corpus.ts).
 *
 * Run one: `npx vitest run test/engine/parity-errors -t 01-models`.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusSuite } from '../helpers/corpus.ts';

corpusSuite(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../parity-errors'));
