/**
 * The makemigrations scenarios under test/parity-makemigrations/ each recorded with real Django 5.2.18 by
 * shared/oracle/run.sh, must match it completely (see test/helpers/corpus.ts).
 *
 * Run one: `npx vitest run test/engine/autodetector/parity-makemigrations -t 01-db-default`.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusSuite } from '../../helpers/corpus.ts';

corpusSuite(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../parity-makemigrations'));
