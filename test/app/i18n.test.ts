/** The interface's Russian strings: plural forms where a count is shown. */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/app/i18n/strings.ts';

describe('Russian interface strings', () => {
  const ru = LOCALES['ru']!;
  it('count rows with the right plural form', () => {
    const forms = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => ru.explorer.rowCount(n));
    expect(forms).toEqual([
      '1 строка', '2 строки', '4 строки', '5 строк', '11 строк', '12 строк', '14 строк',
      '21 строка', '22 строки', '25 строк', '101 строка', '111 строк', '112 строк',
    ]);
    expect(ru.explorer.rowCount(null)).toBe('');
  });
  it('agree the verb and noun with the number of imported files', () => {
    expect(ru.zip.imported(1)).toBe('Загружен 1 файл.');
    expect(ru.zip.imported(3)).toBe('Загружено 3 файла.');
    expect(ru.zip.imported(12)).toBe('Загружено 12 файлов.');
  });
  it('keep the English of the tools it imitates (psql)', () => {
    expect(ru.dbshell.intro).toBe(LOCALES['en']!.dbshell.intro);
    expect(ru.shell.commandNotFound('x')).toBe('x: command not found\n');
  });
});
