// The home screen: the family search, ready to type into, with the recent families under it; on an empty desk,
// a welcome and a prominent "Nouvelle famille" button.
import { Button, EmptyState, Group, Paper, Stack, Title } from '@mantine/core';
import { IconPlus, IconUsersPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useRef } from 'react';
import { navigate, paths } from '../../router';
import { registerInlineSearch } from '../../shell/searchFocus';
import { text } from './labels';
import { useRecentFamilies, type FamilyHit } from './queries';
import { SearchBox } from './SearchBox';

export function HomePage() {
  const t = text.home;
  const inputRef = useRef<HTMLInputElement>(null);
  const recent = useRecentFamilies();
  const emptyDesk = recent.isSuccess && recent.data.length === 0;

  useEffect(
    () =>
      registerInlineSearch(() => {
        inputRef.current?.focus();
        inputRef.current?.select();
      }),
    [],
  );

  const open = useCallback((hit: FamilyHit) => navigate(paths.family(hit.householdId)), []);
  const newFamilyButton = (size: 'md' | 'lg') => (
    <Button component="a" href={paths.newFamily} size={size} leftSection={<IconPlus size={20} aria-hidden />}>
      {t.newFamily}
    </Button>
  );

  return (
    <Stack gap="lg" maw={980}>
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t.title}
        </Title>
        {!emptyDesk && newFamilyButton('md')}
      </Group>
      <Paper withBorder p="lg">
        <SearchBox
          onOpen={open}
          inputRef={inputRef}
          autoFocus
          size="lg"
          noResult={() => (
            <Button component="a" href={paths.newFamily} variant="light" mt="sm" leftSection={<IconPlus size={18} aria-hidden />}>
              {t.createFor}
            </Button>
          )}
          noRecent={
            <EmptyState
              mt="md"
              size="lg"
              variant="light"
              icon={<IconUsersPlus size={36} aria-hidden />}
              title={t.emptyTitle}
              description={t.emptyDescription}
            >
              <Group justify="center" mt="md">
                {newFamilyButton('lg')}
              </Group>
            </EmptyState>
          }
        />
      </Paper>
    </Stack>
  );
}
