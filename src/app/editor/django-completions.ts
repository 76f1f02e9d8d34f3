/**
 * Monaco completion provider for Python files with Django in mind (see django-context.ts).
 */
import type * as Monaco from 'monaco-editor/editor';
import { FIELD_TYPES, MIGRATION_ATTRIBUTES, META_OPTIONS, MODELS_NAMES, ON_DELETE, OPERATIONS, djangoContext, fieldOptions } from './django-context.ts';

type M = typeof Monaco;

export function registerDjangoCompletions(monaco: M): void {
  const Kind = monaco.languages.CompletionItemKind;
  const Snippet = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;
  monaco.languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.', '(', ',', ' ', '='],
    provideCompletionItems(model, position) {
      const before = model.getValueInRange({ startLineNumber: Math.max(1, position.lineNumber - 200), startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
      const ctx = djangoContext(before);
      if (!ctx) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const item = (label: string, insertText: string, kind: Monaco.languages.CompletionItemKind, documentation?: string, sortText?: string): Monaco.languages.CompletionItem => ({
        label,
        kind,
        insertText,
        insertTextRules: insertText.includes('$') ? Snippet : undefined,
        documentation,
        range,
        sortText,
      });
      switch (ctx.kind) {
        case 'models':
          return {
            suggestions: [
              ...Object.entries(FIELD_TYPES).map(([k, v]) => item(k, v.snippet, Kind.Class, v.doc, `0${k}`)),
              ...Object.entries(MODELS_NAMES).map(([k, v]) => item(k, v.snippet, Kind.Class, v.doc, `1${k}`)),
              ...Object.entries(ON_DELETE).map(([k, v]) => item(k, k, Kind.EnumMember, v, `2${k}`)),
            ],
          };
        case 'onDelete': {
          const prefixed = /models\.\w*$/.test(model.getLineContent(position.lineNumber).slice(0, position.column - 1));
          return { suggestions: Object.entries(ON_DELETE).map(([k, v]) => item(k, prefixed ? k : `models.${k}`, Kind.EnumMember, v)) };
        }
        case 'migrations':
          return { suggestions: Object.entries(OPERATIONS).map(([k, v]) => item(k, v.snippet, Kind.Function, v.doc)) };
        case 'fieldArgs':
          return {
            suggestions: fieldOptions(ctx.field)
              .filter((o) => !ctx.used.includes(o))
              .map((o, i) => item(`${o}=`, `${o}=\${1}`, Kind.Property, `${ctx.field} option`, String(i).padStart(3, '0'))),
          };
        case 'meta':
          return { suggestions: Object.entries(META_OPTIONS).map(([k, v]) => item(k, v, Kind.Property, 'Meta option')) };
        case 'migrationBody':
          return { suggestions: Object.entries(MIGRATION_ATTRIBUTES).map(([k, v]) => item(k, v, Kind.Property, 'Migration attribute')) };
      }
    },
  });
}
