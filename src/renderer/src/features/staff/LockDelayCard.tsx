// The lock delay of this desk (`staff.setLockDelay`): minutes without activity before the screen locks.
import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api';
import { recheckSession } from '../session/queries';
import { useSession } from '../session/SessionContext';
import { text } from './text';

export function LockDelayCard() {
  const t = text.lockDelay;
  const { lockAfterMinutes } = useSession();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | string>(lockAfterMinutes);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (minutes: number) => call('staff.setLockDelay', { minutes }),
    onSuccess: async (_result, minutes) => {
      notifications.show({ color: 'green', title: t.saved, message: t.savedMessage(minutes) });
      await recheckSession(queryClient);
    },
    onError: (e) => notifications.show({ color: 'red', title: text.form.failed, message: e.message, autoClose: 8000 }),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const minutes = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) return setError(t.invalid);
    setError(null);
    save.mutate(minutes);
  };
  return (
    <Card withBorder component="section" aria-labelledby="lock-delay-title" padding="md">
      <Title order={2} size="h4" id="lock-delay-title">
        {t.title}
      </Title>
      <Text size="sm" mt={4} mb="sm">
        {t.intro}
      </Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="md">
          <NumberInput
            label={t.label}
            description={t.help}
            min={1}
            max={240}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            w={380}
            value={value}
            onChange={setValue}
            error={error}
          />
          <Button type="submit" mt={46} loading={save.isPending} leftSection={<IconDeviceFloppy size={18} aria-hidden />}>
            {t.submit}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
