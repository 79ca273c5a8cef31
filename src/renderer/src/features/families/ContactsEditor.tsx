// A child's contacts in a modal: persons allowed or forbidden to pick the child up and emergency contacts,
// saved as a whole list with `child.setContacts` (existing ids kept so the history follows each person).
import {
  ActionIcon,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBan, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { newId } from '../../ids';
import { formatPhone, fullName } from './format';
import { pickupLabels, text } from './labels';
import type { ChildView } from './queries';

type Pickup = keyof typeof pickupLabels;

interface ContactValues {
  contactId: string;
  name: string;
  phone: string;
  link: string;
  pickup: Pickup;
  emergencyContact: boolean;
}

const pickupOptions = (Object.keys(pickupLabels) as Pickup[]).map((value) => ({ value, label: pickupLabels[value] }));

const emptyContact = (): ContactValues => ({
  contactId: newId(),
  name: '',
  phone: '',
  link: '',
  pickup: 'allowed',
  emergencyContact: false,
});

export function ContactsEditor({ opened, onClose, child }: { opened: boolean; onClose: () => void; child: ChildView }) {
  return (
    <Modal opened={opened} onClose={onClose} title={text.family.contactsTitle(fullName(child))} size={1100}>
      {opened && <ContactsBody onClose={onClose} child={child} />}
    </Modal>
  );
}

function ContactsBody({ onClose, child }: { onClose: () => void; child: ChildView }) {
  const t = text.contacts;
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const save = useCommand('child.setContacts', { success: t.saved });
  const form = useForm<{ contacts: ContactValues[] }>({
    mode: 'controlled',
    initialValues: {
      contacts: child.contacts.map((c) => ({
        contactId: c.id,
        name: c.name,
        phone: formatPhone(c.phone),
        link: c.link,
        pickup: c.pickup,
        emergencyContact: c.emergencyContact,
      })),
    },
  });

  const add = () => {
    const contact = emptyContact();
    form.insertListItem('contacts', contact);
    setTimeout(() => document.getElementById(`contact-${contact.contactId}-name`)?.focus(), 0);
  };

  const submit = async ({ contacts }: { contacts: ContactValues[] }) => {
    setOrphans([]);
    const result = await save.run({ childId: child.id, contacts });
    if (!result) return;
    if (result.ok) onClose();
    else setOrphans(showFieldErrors(form, result.fieldErrors ?? {}, formRef.current));
  };

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <Text size="sm" c="dimmed" mb="md">
        {t.intro}
      </Text>
      <Stack gap="sm">
        {form.values.contacts.length === 0 && <Text>{t.empty}</Text>}
        {form.values.contacts.map((c, i) => {
          const id = (name: string) => `contact-${c.contactId}-${name}`;
          const forbidden = c.pickup === 'forbidden';
          return (
            <Paper
              key={c.contactId}
              withBorder
              p="sm"
              role="group"
              aria-label={t.contact(i + 1)}
              style={forbidden ? { borderLeft: '5px solid var(--mantine-color-red-9)' } : undefined}
            >
              {forbidden && (
                <Group gap={6} mb={6} c="red.9">
                  <IconBan size={16} aria-hidden />
                  <Text size="sm" fw={700}>
                    {t.forbiddenWarning}
                  </Text>
                </Group>
              )}
              <Grid columns={24} gap="sm" align="flex-start">
                <Grid.Col span={5}>
                  <TextInput
                    id={id('name')}
                    label={t.name}
                    withAsterisk
                    autoComplete="off"
                    {...form.getInputProps(`contacts.${i}.name`)}
                  />
                </Grid.Col>
                <Grid.Col span={4}>
                  <TextInput
                    id={id('phone')}
                    label={t.phone}
                    type="tel"
                    inputMode="tel"
                    autoComplete="off"
                    {...form.getInputProps(`contacts.${i}.phone`)}
                  />
                </Grid.Col>
                <Grid.Col span={4}>
                  <TextInput
                    id={id('link')}
                    label={t.link}
                    placeholder={t.linkPlaceholder}
                    autoComplete="off"
                    {...form.getInputProps(`contacts.${i}.link`)}
                  />
                </Grid.Col>
                <Grid.Col span={5}>
                  <NativeSelect
                    id={id('pickup')}
                    label={t.pickup}
                    data={pickupOptions}
                    {...form.getInputProps(`contacts.${i}.pickup`)}
                  />
                </Grid.Col>
                <Grid.Col span={5}>
                  <Box pt={32}>
                    <Checkbox
                      id={id('emergency')}
                      label={t.emergency}
                      {...form.getInputProps(`contacts.${i}.emergencyContact`, { type: 'checkbox' })}
                    />
                  </Box>
                </Grid.Col>
                <Grid.Col span={1}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mt={26}
                    aria-label={t.remove(c.name)}
                    onClick={() => form.removeListItem('contacts', i)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Grid.Col>
              </Grid>
            </Paper>
          );
        })}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={18} aria-hidden />} onClick={add}>
            {t.add}
          </Button>
        </Group>
      </Stack>
      <FormFooter sticky onCancel={onClose} pending={save.pending} orphans={orphans} />
    </form>
  );
}
