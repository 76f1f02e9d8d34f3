import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readTree, runPython } from './helpers.ts';

/**
 * Each program in ./programs is run with the interpreter and its output compared with what
 * CPython 3.11 printed for it (recorded by programs/record.py: stdout, then the traceback).
 */
const dir = fileURLToPath(new URL('./programs/', import.meta.url));

describe('programs print what CPython 3.11 prints', () => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.endsWith('.py') && name !== 'record.py') {
      const base = name.slice(0, -3);
      it(base, () => {
        const expected = readFileSync(join(dir, base + '.out'), 'utf8');
        const r = runPython(readFileSync(path, 'utf8'), { file: `/proj/${name}` });
        expect(r.output).toBe(expected);
      });
    } else if (statSync(path).isDirectory()) {
      it(name, () => {
        const expected = readFileSync(join(dir, name + '.out'), 'utf8');
        const files = readTree(path);
        const r = runPython(files['main.py']!, { file: `/proj/${name}/main.py`, files, root: `/proj/${name}` });
        expect(r.output).toBe(expected);
      });
    }
  }
});
