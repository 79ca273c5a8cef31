// The search window (Ctrl+K / Cmd+K): the family search over whatever screen is open; Enter opens the family
// and closes the window, Échap closes it and gives the focus back.
import { Modal } from '@mantine/core';
import { useCallback } from 'react';
import { text } from '../features/families/labels';
import type { FamilyHit } from '../features/families/queries';
import { SearchBox } from '../features/families/SearchBox';
import { navigate, paths } from '../router';

export function SearchSpotlight({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const open = useCallback(
    (hit: FamilyHit) => {
      onClose();
      navigate(paths.family(hit.householdId));
    },
    [onClose],
  );
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={text.search.label}
      size={760}
      yOffset="8vh"
      transitionProps={{ duration: 80 }}
    >
      {opened && <SearchBox onOpen={open} autoFocus labelHidden maxListHeight="60vh" />}
    </Modal>
  );
}
