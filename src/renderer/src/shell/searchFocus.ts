// Ctrl+K "from anywhere": when a screen shows its own search field (the home screen), the shortcut focuses it;
// otherwise the search window opens. The screen registers its focus function while it is mounted.
let inlineSearch: (() => void) | null = null;

export function registerInlineSearch(focus: () => void): () => void {
  inlineSearch = focus;
  return () => {
    if (inlineSearch === focus) inlineSearch = null;
  };
}

/** Focuses the screen's own search field; false when the screen has none. */
export function focusInlineSearch(): boolean {
  if (!inlineSearch) return false;
  inlineSearch();
  return true;
}
