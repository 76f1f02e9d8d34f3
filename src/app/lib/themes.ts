/** Colours for xterm and Monaco matching the page's light and dark themes. */
import type { ITheme } from '@xterm/xterm';
import type { Theme } from './prefs.svelte.ts';

export function termTheme(theme: Theme): ITheme {
  return theme === 'dark'
    ? {
        background: '#16181d',
        foreground: '#d7dae0',
        cursor: '#f0f0f0',
        selectionBackground: '#3a4a66',
        black: '#1e2127',
        red: '#ef6b73',
        green: '#8cc265',
        yellow: '#d9b45a',
        blue: '#5ba4f0',
        magenta: '#c678dd',
        cyan: '#42b3c2',
        white: '#d7dae0',
        brightBlack: '#7f848e',
        brightBlue: '#7cb7f5',
      }
    : {
        background: '#fbfbfa',
        foreground: '#1f2328',
        cursor: '#1f2328',
        selectionBackground: '#b6d2f5',
        black: '#1f2328',
        red: '#c22d36',
        green: '#1a7f37',
        yellow: '#8a6100',
        blue: '#0a5fc4',
        magenta: '#8250df',
        cyan: '#0b7a86',
        white: '#6e7781',
        brightBlack: '#57606a',
        brightBlue: '#0a5fc4',
      };
}

export function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}
