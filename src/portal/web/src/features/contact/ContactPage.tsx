// Mes coordonnées: address, phones and e-mail of the signed-in guardian. The hub checks them (French messages
// next to each field, from `fieldErrors`) and records the change as made by the family; the commune's desks
// receive it at their next synchronisation. Everything typed is shown back as text.
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { AddressFieldset } from '../../components/AddressFieldset';
import { api, ApiError, errorMessage } from '../../api';
import { Loading, LoadError, Page } from '../../components/Page';
import { queryClient } from '../../queryClient';
import type { Contact } from '../../types';

type Fields = Omit<Contact, 'guardianId'>;

const fieldNames: (keyof Fields)[] = [
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'mobilePhone',
  'homePhone',
  'workPhone',
  'email',
];

const empty: Fields = {
  addressLine1: '',
  addressLine2: '',
  postalCode: '',
  city: '',
  mobilePhone: '',
  homePhone: '',
  workPhone: '',
  email: '',
};

function ContactForm({ contact }: { contact: Contact }) {
  const formRef = useRef<HTMLFormElement>(null);
  const successRef = useRef<HTMLDivElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const form = useForm<Fields>({
    mode: 'controlled',
    initialValues: Object.fromEntries(fieldNames.map((name) => [name, contact[name] ?? ''])) as Fields,
  });
  const save = useMutation({
    mutationFn: (values: Fields) => api('PUT', '/api/parent/contact', values),
    onSuccess: (_answer, values) => {
      setSaved(true);
      setOrphans([]);
      form.resetDirty(values);
      void queryClient.invalidateQueries({ queryKey: ['contact'] });
      requestAnimationFrame(() => successRef.current?.focus());
    },
    onError: (error) => {
      setSaved(false);
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) {
        form.setErrors(error.fieldErrors);
        setOrphans(
          Object.entries(error.fieldErrors)
            .filter(([path]) => !fieldNames.includes(path as keyof Fields))
            .map(([, m]) => m),
        );
        // Take the parent to the first field to correct.
        const first = fieldNames.find((name) => error.fieldErrors[name]);
        if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus());
      }
    },
  });
  const input = (name: keyof Fields) => ({ ...form.getInputProps(name), name, size: 'md' as const });
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit((values) => {
        setSaved(false);
        form.clearErrors();
        save.mutate(values);
      })}
    >
      <Stack gap="lg" maw={720}>
        {saved && (
          <Alert
            ref={successRef}
            tabIndex={-1}
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title="Coordonnées enregistrées"
            role="status"
          >
            La mairie verra vos nouvelles coordonnées dès la prochaine synchronisation de ses postes.
          </Alert>
        )}
        {save.isError && (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            role="alert"
            title="Vos coordonnées ne sont pas enregistrées"
          >
            <Stack gap={4}>
              <Text size="sm">{errorMessage(save.error)}</Text>
              {orphans.map((m) => (
                <Text size="sm" key={m}>
                  {m}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <AddressFieldset input={input} />
        <Card component="fieldset" withBorder radius="md" padding="md" style={{ margin: 0 }}>
          <Title order={2} size="h4" component="legend" px={4}>
            Téléphones
          </Title>
          <Text size="sm" mb="sm">
            Au moins un numéro est nécessaire pour vous joindre en cas d’urgence. Format : {'06\u00a012\u00a034\u00a056\u00a078'}.
          </Text>
          <Stack gap="sm">
            <TextInput label="Téléphone portable" type="tel" autoComplete="mobile tel" {...input('mobilePhone')} />
            <TextInput label="Téléphone fixe" type="tel" autoComplete="home tel" {...input('homePhone')} />
            <TextInput label="Téléphone professionnel" type="tel" autoComplete="work tel" {...input('workPhone')} />
          </Stack>
        </Card>
        <Card component="fieldset" withBorder radius="md" padding="md" style={{ margin: 0 }}>
          <Title order={2} size="h4" component="legend" px={4}>
            Adresse e-mail
          </Title>
          <TextInput
            label="E-mail"
            description="La mairie l’utilise pour vous écrire. Exemple : nom@exemple.fr"
            type="email"
            autoComplete="email"
            {...input('email')}
          />
        </Card>
        <Group>
          <Button type="submit" size="md" loading={save.isPending}>
            Enregistrer mes coordonnées
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ContactPage() {
  // Read once: a refetch must never wipe what the parent is typing.
  const contact = useQuery({
    queryKey: ['contact'],
    queryFn: () => api<Contact>('GET', '/api/parent/contact'),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return (
    <Page title="Mes coordonnées" intro="Vérifiez et mettez à jour vos coordonnées : la mairie les utilise pour vous joindre.">
      {contact.isPending ? (
        <Loading />
      ) : contact.isError ? (
        <LoadError error={contact.error} onRetry={() => void contact.refetch()} />
      ) : (
        <ContactForm contact={{ ...empty, ...contact.data }} />
      )}
    </Page>
  );
}
