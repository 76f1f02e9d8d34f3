/**
 * Lesson Markdown to HTML: `marked` for the Markdown, then a sanitiser (DOMPurify in the browser).
 * Code blocks become small widgets with buttons; what the buttons act on (the command to run,
 * the file to write) is returned beside the HTML and found again by `data-block`, so the HTML
 * itself carries no scripts or handlers.
 */
import { Marked, type Tokens } from 'marked';
import { commandLine, shellQuote } from './host.ts';

export interface CodeBlock {
  index: number;
  lang: string;
  text: string;
  /** console blocks: the manage.py command lines (`python manage.py migrate`), in order. */
  commands: string[];
  /** sql blocks: the statements, runnable as `python manage.py dbshell -- -c …`. */
  sql: string | null;
  /** python blocks whose first line names a file and that hold a whole file. */
  file: { path: string; content: string } | null;
}

export interface RenderedMarkdown {
  html: string;
  blocks: CodeBlock[];
}

export interface RenderOptions {
  /** Button labels in the learner's language. */
  labels: { copy: string; run: string; editor: (path: string) => string };
  /** Sanitises HTML (DOMPurify in the browser); identity when omitted (tests, trusted text). */
  sanitize?: (html: string) => string;
  /** Index of the first block (several renders on one page keep distinct indexes). */
  firstIndex?: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const FILE_COMMENT = /^#\s*([\w./-]+\.py)\s*$/;

/** What a fenced block can do, from its language and text. */
export function analyseBlock(lang: string, text: string, index: number): CodeBlock {
  const block: CodeBlock = { index, lang, text, commands: [], sql: null, file: null };
  if (lang === 'console' || lang === 'shell' || lang === 'sh') {
    for (const line of text.split('\n')) {
      const m = /^\$\s+(.*)$/.exec(line);
      if (m) block.commands.push(m[1]!);
    }
  } else if (lang === 'sql') {
    block.sql = text.trim();
  } else if (lang === 'python') {
    const lines = text.split('\n');
    const m = FILE_COMMENT.exec(lines[0] ?? '');
    const firstCode = lines.slice(1).find((l) => l.trim() !== '');
    if (m && firstCode !== undefined && /^(from |import |# Generated)/.test(firstCode)) {
      block.file = { path: m[1]!, content: lines.slice(1).join('\n').replace(/^\n+/, '') + '\n' };
    }
  }
  return block;
}

/** The terminal line that runs an SQL block through dbshell. */
export function dbshellLine(sql: string): string {
  return `${commandLine(['dbshell', '--'])} -c ${shellQuote(sql.replace(/\s*\n\s*/g, ' '))}`;
}

export function renderMarkdown(markdown: string, opts: RenderOptions): RenderedMarkdown {
  const blocks: CodeBlock[] = [];
  let next = opts.firstIndex ?? 0;
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      code({ text, lang }: Tokens.Code): string {
        const language = (lang ?? '').trim().split(/\s+/)[0] ?? '';
        const block = analyseBlock(language, text, next++);
        blocks.push(block);
        const i = block.index;
        const buttons: string[] = [`<button type="button" class="lp-btn" data-action="copy" data-block="${i}">${escapeHtml(opts.labels.copy)}</button>`];
        if (block.file) {
          buttons.push(
            `<button type="button" class="lp-btn" data-action="editor" data-block="${i}">${escapeHtml(opts.labels.editor(block.file.path))}</button>`,
          );
        }
        if (block.sql) buttons.push(`<button type="button" class="lp-btn" data-action="sql" data-block="${i}">${escapeHtml(opts.labels.run)}</button>`);
        let body: string;
        if (block.commands.length) {
          // one run button per command line
          let n = 0;
          body = text
            .split('\n')
            .map((line) => {
              if (!/^\$\s+/.test(line)) return `<span class="lp-line">${escapeHtml(line)}</span>`;
              const btn = `<button type="button" class="lp-run" data-action="run" data-block="${i}" data-command="${n++}" title="${escapeHtml(opts.labels.run)}" aria-label="${escapeHtml(opts.labels.run)}">▶</button>`;
              return `<span class="lp-line lp-cmd">${btn}${escapeHtml(line)}</span>`;
            })
            .join('\n');
        } else body = escapeHtml(text);
        const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
        return `<div class="lp-code" data-lang="${escapeHtml(language || 'output')}"><pre><code${cls}>${body}</code></pre><div class="lp-code-actions">${buttons.join('')}</div></div>\n`;
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const text = this.parser.parseInline(tokens);
        const external = /^https?:/.test(href);
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(href)}"${t}${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${text}</a>`;
      },
    },
  });
  const raw = marked.parse(markdown, { async: false }) as string;
  const html = opts.sanitize ? opts.sanitize(raw) : raw;
  return { html, blocks };
}

/** Inline Markdown (a check's description, a title) to HTML. */
export function renderInline(markdown: string, sanitize?: (html: string) => string): string {
  const raw = new Marked().parseInline(markdown, { async: false }) as string;
  return sanitize ? sanitize(raw) : raw;
}
