/**
 * Monaco, loaded lazily after the first paint: the 0.56+ core entry point (`monaco-editor/editor`)
 * with only the editor features the sandbox uses and only Python registered (the full package
 * would add ~9 MB). The editor worker (diff computation, word completions) runs in its own
 * Web Worker.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerDjangoCompletions } from './django-completions.ts';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

registerDjangoCompletions(monaco);

export { monaco };
export type Monaco = typeof monaco;
