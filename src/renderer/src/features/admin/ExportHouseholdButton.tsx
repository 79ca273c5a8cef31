// « Exporter les données (RGPD) » on the family file, for administrators: everything held about the household
// (`rgpd.exportHousehold`), downloaded as a JSON file to hand to the family (droit d'accès, portabilité).
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconFileDownload } from '@tabler/icons-react';
import { call } from '../../api';
import { parisToday } from '../families/format';
import { useSession } from '../session/SessionContext';
import { text } from './text';

/** `rgpd-foyer-martin-2026-11-26.json`: no accent, no space, safe on every file system. */
export function exportFileName(householdName: string, today: string): string {
  const slug = householdName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `rgpd-foyer-${slug || 'sans-nom'}-${today}.json`;
}

function download(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportHouseholdButton({ householdId, householdName }: { householdId: string; householdName: string }) {
  const { may } = useSession();
  const t = text.export;
  const exportData = useMutation({
    mutationFn: () => call('rgpd.exportHousehold', { householdId }),
    onSuccess: (result) => {
      if (!result.ok) {
        notifications.show({ color: 'red', title: t.failed, message: result.message, autoClose: 8000 });
        return;
      }
      const fileName = exportFileName(householdName, parisToday());
      download(fileName, JSON.stringify(result.value, null, 2));
      notifications.show({ color: 'green', title: t.done, message: t.doneMessage(fileName) });
    },
    onError: (e) => notifications.show({ color: 'red', title: t.failed, message: e.message, autoClose: 8000 }),
  });
  if (!may('rgpd.exportHousehold')) return null;
  return (
    <Button
      variant="default"
      leftSection={<IconFileDownload size={16} aria-hidden />}
      loading={exportData.isPending}
      onClick={() => exportData.mutate()}
    >
      {t.button}
    </Button>
  );
}
