// The "Récapitulatif de l'appel" panel: every validation made while the screen is open, as sentences ready to
// read back to the parent, with the time; "Copier" puts the whole text on the clipboard (for an e-mail or a
// note in the file).
import { Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconClipboardList, IconCopy } from '@tabler/icons-react';
import { batchSentence, summaryText, type SummaryBatch } from './callSummary';
import { text } from './text';

const t = text.summary;

interface CallSummaryProps {
  batches: readonly SummaryBatch[];
  heading: string;
  onClear: () => void;
}

export function CallSummary({ batches, heading, onClear }: CallSummaryProps) {
  const withActivity = new Set(batches.map((b) => b.activityId)).size > 1;
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="call-summary-title" data-testid="call-summary">
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap">
          <IconClipboardList size={18} aria-hidden />
          <Title order={2} fz="md" id="call-summary-title">
            {t.title}
          </Title>
        </Group>
        <CopyButton value={summaryText(heading, batches)}>
          {({ copied, copy }) => (
            <Button
              size="compact-sm"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : 'blue'}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              onClick={copy}
              disabled={batches.length === 0}
              style={{ flexShrink: 0 }}
            >
              {copied ? t.copied : t.copy}
            </Button>
          )}
        </CopyButton>
      </Group>
      {batches.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.empty}
        </Text>
      ) : (
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {batches.map((batch) => (
            <li key={batch.id}>
              <Text size="sm">
                <Text span size="xs" c="dimmed" mr={6}>
                  {batch.time}
                </Text>
                {batchSentence(batch, withActivity)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {batches.length > 0 && (
        <Group justify="flex-end" mt="xs">
          <Button variant="subtle" size="compact-xs" color="gray" onClick={onClear}>
            {t.clear}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
