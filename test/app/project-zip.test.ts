import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ImportError, LIMITS, exportZip, importZip, safePath } from '../../src/app/lib/project-zip.ts';
import { sampleFiles } from '../../src/worker/samples.ts';

const zip = (entries: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

describe('project zip', () => {
  it('round-trips a project through export and import (folder stripped)', () => {
    const files = sampleFiles('store');
    expect(importZip(exportZip(files))).toEqual(files);
  });

  it('accepts a flat archive and skips junk', () => {
    const files = importZip(zip({ 'settings.py': 'INSTALLED_APPS = []\n', '__MACOSX/._x': 'junk', 'shop/__pycache__/x.pyc': new Uint8Array([0, 1]) }));
    expect(files).toEqual({ 'settings.py': 'INSTALLED_APPS = []\n' });
  });

  it('refuses unsafe paths', () => {
    for (const p of ['../evil.py', '/etc/passwd.txt', 'a/../../b.py', 'C:/x.py', 'a\\b.py', 'a//b.py', 'a/./b.py']) {
      expect(safePath(p)).toBeNull();
    }
    expect(() => importZip(zip({ 'settings.py': '', '../x.py': 'x' }))).toThrow(/Refused path/);
  });

  it('refuses binary and unknown file types', () => {
    expect(() => importZip(zip({ 'settings.py': '', 'logo.png': 'x' }))).toThrow(ImportError);
    expect(() => importZip(zip({ 'settings.py': '', 'x.py': new Uint8Array([0xff, 0xfe, 0x00]) }))).toThrow(/not a UTF-8 text file/);
    expect(() => importZip(zip({ 'settings.py': 'a\0b' }))).toThrow(/not a UTF-8 text file/);
  });

  it('enforces size and count limits', () => {
    expect(() => importZip(zip({ 'settings.py': 'x'.repeat(LIMITS.fileBytes + 1) }))).toThrow(/larger than/);
    const many: Record<string, string> = { 'settings.py': '' };
    for (let i = 0; i <= LIMITS.files; i++) many[`f${i}.py`] = '';
    expect(() => importZip(zip(many))).toThrow(/more than 500 files/);
    expect(() => importZip(new Uint8Array(LIMITS.archiveBytes + 1))).toThrow(/larger than 5 MB/);
  });

  it('needs a settings module and a real zip', () => {
    expect(() => importZip(zip({ 'a.py': '' }))).toThrow(/no settings.py/);
    expect(() => importZip(strToU8('not a zip'))).toThrow(/not a valid .zip/);
  });
});
