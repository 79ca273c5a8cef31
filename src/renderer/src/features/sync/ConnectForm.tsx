// « Relier ce poste à un concentrateur »: the hub's address and the one-time enrolment code. The desk core
// answers in French; its field errors go next to the fields, a hub that does not answer is reported next to
// the address. Once linked, the panel shows the initial sync and its progress bar.
import { Alert, Button, Card, Code, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLink } from '@tabler/icons-react';
import { useRef, useState, type CSSProperties } from 'react';
import { showFieldErrors } from '../../fieldErrors';
import { useConnect } from './queries';
import { text } from './text';

export function ConnectForm() {
  const t = text.connect;
  const connect = useConnect();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { hubUrl: '', code: '' },
    validate: {
      hubUrl: (v) => (v.trim() ? null : t.hubUrlRequired),
      code: (v) => (v.trim() ? null : t.codeRequired),
    },
  });

  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      const result = await connect
        .mutateAsync({ hubUrl: values.hubUrl.trim(), code: values.code.trim() })
        .catch((error: Error) => {
          setProblem(error.message);
          return undefined;
        });
      if (!result) return;
      if (result.ok) {
        notifications.show({
          color: 'green',
          title: t.connected,
          message: t.connectedMessage(result.value.deskName, result.value.commune),
        });
        return;
      }
      // A hub that cannot be reached is about the address; other failures name their field, or none.
      const fieldErrors = result.fieldErrors ?? (result.code === 'offline' ? { hubUrl: result.message } : {});
      const orphans = showFieldErrors(form, fieldErrors, formRef.current);
      if (Object.keys(fieldErrors).length === 0 || orphans.length > 0) setProblem(result.message);
    },
    (errors) => {
      const first = Object.keys(errors)[0];
      if (first) formRef.current?.querySelector<HTMLElement>(`[data-path="${first}"]`)?.focus();
    },
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sync-connect-title">
      <Title order={2} size="h4" id="sync-connect-title">
        {t.title}
      </Title>
      <Text size="sm" mt={4}>
        {t.introBefore} <Code>{t.command}</Code>. {t.introAfter}
      </Text>
      <Text size="sm" mt={4} c="dimmed">
        {t.dataNote}
      </Text>
      {/* Mantine's error red is below 4.5:1 on white: a darker one for the messages and the fields in error. */}
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        style={{ '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties}
      >
        <Stack gap="sm" mt="md" maw={560}>
          <TextInput
            label={t.hubUrl}
            placeholder={t.hubUrlPlaceholder}
            required
            autoComplete="url"
            inputMode="url"
            spellCheck={false}
            {...form.getInputProps('hubUrl')}
          />
          <TextInput
            label={t.code}
            placeholder={t.codePlaceholder}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            {...form.getInputProps('code')}
          />
          {problem && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t.failed} role="alert">
              {problem}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={connect.isPending} leftSection={<IconLink size={18} aria-hidden />}>
              {t.submit}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
