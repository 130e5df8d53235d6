/**
 * Finds citations of numbered sections ("reference §4.3", "(§2.1)") of the MatrixOne SQL reference the SDK was
 * first written against. That document is not in the repository, so a reader cannot follow them; cite
 * docs/matrixone-facts.md, the recorded cases under packages/core/test/fixtures/cases, or MatrixOne's source and
 * documentation by name instead. A section of a document the repository holds stays allowed when the citation
 * names it: `docs/quickstart.md §2`, `Issue 14 §1`.
 */

/** One citation found: its 1-based line and the text around it. */
export interface Citation {
  readonly line: number;
  readonly text: string;
}

const SECTION = /§\s?\d/g;
/** What may come right before `§` when the section belongs to something the repository holds. */
const NAMED_DOCUMENT = /(?:\.md|\bissue \d+)\s*$/i;

/** Every section citation in `text` that does not name a document of the repository. */
export function unopenableCitations(text: string): Citation[] {
  const found: Citation[] = [];
  for (const match of text.matchAll(SECTION)) {
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    if (NAMED_DOCUMENT.test(before)) continue;
    const line = text.slice(0, match.index).split('\n').length;
    const lineText = text.split('\n')[line - 1] ?? '';
    found.push({ line, text: lineText.trim() });
  }
  return found;
}
