// A decision that needs a reason (refusing a request, a document, a sign-up): the reason is required and sent
// to the family with the decision. Resolves `onConfirm(reason)` to true when the decision is recorded.
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { text } from './text';

const t = text.refuse;

export function ReasonModal({
  opened,
  title,
  label = t.reason,
  confirm = t.confirm,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  label?: string;
  confirm?: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      {opened && <ReasonForm label={label} confirm={confirm} onClose={onClose} onConfirm={onConfirm} />}
    </Modal>
  );
}

function ReasonForm({
  label,
  confirm,
  onClose,
  onConfirm,
}: {
  label: string;
  confirm: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t.reasonRequired);
      return;
    }
    setBusy(true);
    const done = await onConfirm(reason.trim());
    setBusy(false);
    if (done) onClose();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Textarea
          label={label}
          description={t.reasonHint}
          required
          autosize
          minRows={3}
          maxLength={500}
          data-autofocus
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            // Ctrl+Entrée sends, Entrée alone makes a new line.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button type="submit" color="red.9" loading={busy}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
