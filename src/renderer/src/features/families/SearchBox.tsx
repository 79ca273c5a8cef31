// Instant family search: results as staff type (debounced 100 ms), ↑/↓ to choose, Enter to open. With an
// empty query it lists the recent families. Used on the home screen and in the Ctrl+K search window.
// ARIA combobox pattern: focus stays in the input, the active option is announced via aria-activedescendant.
import { Box, Group, Kbd, Loader, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useId } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode, type Ref } from 'react';
import { FamilyHitRow } from './FamilyHitRow';
import { parisToday } from './format';
import { text } from './labels';
import { useFamilySearch, useRecentFamilies, type FamilyHit } from './queries';
import classes from './SearchBox.module.css';

interface SearchBoxProps {
  onOpen: (hit: FamilyHit) => void;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  /** Shown under the input when the query finds nothing (e.g. a "create" button). */
  noResult?: (query: string) => ReactNode;
  /** Shown when the query is empty and there is no recent family. */
  noRecent?: ReactNode;
  size?: 'md' | 'lg';
  /** Visible label (home screen) or label for assistive technology only (search window, titled already). */
  labelHidden?: boolean;
  /** Limit the height of the list (search window). */
  maxListHeight?: number | string;
}

export function SearchBox({
  onOpen,
  inputRef,
  autoFocus,
  noResult,
  noRecent,
  size = 'md',
  labelHidden,
  maxListHeight,
}: SearchBoxProps) {
  const t = text.search;
  const listId = useId();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 100);
  const [active, setActive] = useState(0);
  const [enterPending, setEnterPending] = useState(false);
  const today = parisToday();

  const search = useFamilySearch(debounced);
  const recent = useRecentFamilies();
  const searching = query.trim().length > 0;
  const items: FamilyHit[] = useMemo(
    () => (searching ? (search.data ?? []) : (recent.data ?? [])),
    [searching, search.data, recent.data],
  );
  // The list on screen answers what is typed (not an older query still shown while the new one runs).
  const settled =
    !searching ||
    (debounced.trim() === query.trim() && !search.isPlaceholderData && !search.isFetching && search.data !== undefined);

  useEffect(() => {
    setActive(0);
  }, [debounced, search.data, recent.data]);

  useEffect(() => {
    if (!enterPending || !settled) return;
    setEnterPending(false);
    const hit = items[0];
    if (hit) onOpen(hit);
  }, [enterPending, settled, items, onOpen]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const n = items.length;
    if (event.key === 'ArrowDown' && n > 0) {
      event.preventDefault();
      setActive((i) => (i + 1) % n);
    } else if (event.key === 'ArrowUp' && n > 0) {
      event.preventDefault();
      setActive((i) => (i - 1 + n) % n);
    } else if (event.key === 'Escape' && !labelHidden && query) {
      // On the home screen Échap clears the query (in the search window it closes the window).
      event.preventDefault();
      setQuery('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!settled) setEnterPending(true);
      else if (items[active]) onOpen(items[active]);
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const showList = items.length > 0;
  const status = searching ? (settled ? t.count(items.length) : '') : '';

  return (
    <Box>
      <TextInput
        ref={inputRef}
        size={size}
        label={labelHidden ? <VisuallyHidden>{t.label}</VisuallyHidden> : t.label}
        description={labelHidden ? undefined : t.description}
        placeholder={t.placeholder}
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={searching && !settled ? <Loader size="xs" aria-hidden /> : null}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && items[active] ? optionId(active) : undefined}
      />
      <Group justify="space-between" mt="xs" mb={6} mih={22}>
        <Text size="sm" fw={600} c="dimmed" aria-live="polite">
          {searching ? status : showList ? t.recent : ''}
        </Text>
        {showList && (
          <Text size="xs" c="dimmed">
            {labelHidden ? t.keyboardHint : t.keyboardHintPage}
          </Text>
        )}
      </Group>
      <Box style={maxListHeight ? { maxHeight: maxListHeight, overflowY: 'auto' } : undefined}>
        <ul className={classes.list} id={listId} role="listbox" aria-label={searching ? t.results : t.recent}>
          {items.map((hit, i) => (
            <li
              key={hit.householdId}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={classes.option}
              onMouseMove={() => setActive(i)}
              onClick={() => onOpen(hit)}
            >
              <Group wrap="nowrap" gap="sm" align="center">
                <Box style={{ flex: 1, minWidth: 0 }}>
                  <FamilyHitRow hit={hit} today={today} />
                </Box>
                <Kbd className={classes.enterHint} size="xs" aria-hidden>
                  Entrée
                </Kbd>
              </Group>
            </li>
          ))}
        </ul>
      </Box>
      {searching && settled && items.length === 0 && (
        <Box py="md">
          <Text>{t.noResult(query.trim())}</Text>
          {noResult?.(query.trim())}
        </Box>
      )}
      {!searching && recent.isSuccess && items.length === 0 && noRecent}
    </Box>
  );
}
