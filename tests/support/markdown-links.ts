/**
 * Finds links in a Markdown document that only work next to the repository's files: a relative target
 * (`../core/README.md`, `docs/x.md`) resolves against the page that shows the document, so on a package
 * registry's page it leads nowhere. Fenced code blocks are skipped (text there is code, not a link).
 */

/** A target that works wherever the document is shown: a URL with a scheme, or an anchor in the same page. */
const ABSOLUTE_TARGET = /^(?:[a-z][a-z0-9+.-]*:|#)/i;

const FENCED_BLOCK = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
const INLINE_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;
const HTML_ATTRIBUTE = /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;

/** Every link target in `markdown` that is neither a URL with a scheme nor an in-page anchor, in order. */
export function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(FENCED_BLOCK, '');
  const targets = [INLINE_LINK, REFERENCE_DEFINITION, HTML_ATTRIBUTE].flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => match[1] ?? ''),
  );
  return targets.filter((target) => !ABSOLUTE_TARGET.test(target));
}
