/**
 * HTML sanitising for lesson Markdown: DOMPurify with the attributes the code widgets use.
 */
import DOMPurify from 'dompurify';

export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, {
    ADD_ATTR: ['target', 'data-action', 'data-block', 'data-command', 'data-lang'],
    FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'iframe', 'object', 'embed'],
  });
}
