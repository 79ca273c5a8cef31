// The new family form: the household, one to four guardians, zero to twelve children, saved in one
// `household.create` command. The core validates; its `fieldErrors` (`guardians.1.homePhone`) are shown next
// to the matching fields and nothing is written until every field is right.
import { Alert, Box, Button, Fieldset, Group, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy, IconHistory, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { showFieldErrors } from '../../fieldErrors';
import { newId } from '../../ids';
import { navigate, paths } from '../../router';
import { ChildFields } from './ChildFields';
import { childArgs, emptyChild, emptyGuardian, guardianArgs, type ChildValues, type GuardianValues } from './formValues';
import { GuardianFields } from './GuardianFields';
import { text } from './labels';

interface FamilyFormValues {
  name: string;
  notes: string;
  guardians: GuardianValues[];
  children: ChildValues[];
}

/**
 * The form left half-filled (a call came in, staff opened another family): kept in memory for this session —
 * never written to disk — and offered again when "Nouvelle famille" is reopened.
 */
let draft: { householdId: string; nameEdited: boolean; values: FamilyFormValues } | null = null;

const blankValues = (): FamilyFormValues => ({
  name: '',
  notes: '',
  guardians: [emptyGuardian({ receivesInvoices: true })],
  children: [],
});

const MAX_GUARDIANS = 4;
const MAX_CHILDREN = 12;

export function FamilyForm() {
  const t = text.form;
  const formRef = useRef<HTMLFormElement>(null);
  const [restored, setRestored] = useState(() => draft !== null);
  const [householdId] = useState(() => draft?.householdId ?? newId());
  const [nameEdited, setNameEdited] = useState(draft?.nameEdited ?? false);
  const [orphans, setOrphans] = useState<string[]>([]);
  const create = useCommand('household.create', { failure: t.saveFailed });

  const form = useForm<FamilyFormValues>({
    mode: 'controlled',
    initialValues: draft?.values ?? blankValues(),
    onValuesChange: (values) => {
      draft = { householdId, nameEdited: draft?.nameEdited ?? nameEdited, values };
    },
  });

  const editName = (edited: boolean) => {
    setNameEdited(edited);
    if (draft) draft.nameEdited = edited;
  };

  const startOver = () => {
    draft = null;
    setRestored(false);
    editName(false);
    setOrphans([]);
    form.setValues(blankValues());
    form.clearErrors();
  };

  // The household is named after the first guardian until staff type another name.
  form.watch('guardians.0.lastName', ({ value }) => {
    if (!nameEdited) form.setFieldValue('name', String(value ?? '').toUpperCase());
  });

  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

  const addGuardian = () => {
    const guardian = emptyGuardian();
    form.insertListItem('guardians', guardian);
    focusLater(`g-${guardian.guardianId}-firstName`);
  };
  const addChild = () => {
    const child = emptyChild({ lastName: form.values.guardians[0]?.lastName ?? '' });
    form.insertListItem('children', child);
    focusLater(`c-${child.childId}-firstName`);
  };

  const submit = async (values: FamilyFormValues) => {
    setOrphans([]);
    const dateErrors: Record<string, string> = {};
    const children = values.children.map((c, i) => {
      const { args, birthDateError } = childArgs(c);
      if (birthDateError) dateErrors[`children.${i}.birthDate`] = birthDateError;
      return { ...args, childId: c.childId };
    });
    const guardians = values.guardians.map((g) => ({
      ...guardianArgs(g),
      guardianId: g.guardianId,
      receivesInvoices: g.receivesInvoices,
      relationship: g.relationship,
    }));
    const result = await create.run({ householdId, name: values.name, notes: values.notes, guardians, children });
    if (!result) return;
    if (result.ok) {
      draft = null;
      navigate(paths.family(householdId));
      return;
    }
    // The UI's own date message wins over the core's (which speaks of the ISO format staff never see).
    setOrphans(showFieldErrors(form, { ...(result.fieldErrors ?? {}), ...dateErrors }, formRef.current));
  };

  return (
    <Box component="form" ref={formRef} onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="new-family-title">
      <Stack gap="md" pb="md">
        <div>
          <Title order={1} id="new-family-title" size="h2" tabIndex={-1}>
            {t.newTitle}
          </Title>
          <Text c="dimmed" size="sm">
            {t.newIntro}
          </Text>
        </div>
        {restored && (
          <Alert color="blue" icon={<IconHistory aria-hidden />} title={t.draftTitle}>
            <Group justify="space-between" align="center">
              <Text size="sm">{t.draftText}</Text>
              <Button size="xs" variant="default" onClick={startOver}>
                {t.draftDiscard}
              </Button>
            </Group>
          </Alert>
        )}

        <Paper withBorder p="md">
          <Group align="flex-start" grow>
            <TextInput
              id="household-name"
              label={t.householdName}
              description={t.householdNameHint}
              autoComplete="off"
              {...form.getInputProps('name')}
              onChange={(event) => {
                editName(true);
                form.setFieldValue('name', event.currentTarget.value);
              }}
            />
            <Textarea
              id="household-notes"
              label={text.family.notes}
              autosize
              minRows={1}
              maxRows={3}
              {...form.getInputProps('notes')}
            />
          </Group>
        </Paper>

        <section aria-labelledby="guardians-title">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h3" id="guardians-title">
              {t.guardians}
            </Title>
          </Group>
          <Stack gap="md">
            {form.values.guardians.map((g, index) => (
              <Fieldset key={g.guardianId} legend={<Text fw={600}>{t.guardian(index + 1)}</Text>} variant="default" radius="md">
                {index > 0 && (
                  <Group justify="flex-end" mt={-8} mb={-8}>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      leftSection={<IconTrash size={16} aria-hidden />}
                      onClick={() => form.removeListItem('guardians', index)}
                    >
                      {t.removeGuardian}
                    </Button>
                  </Group>
                )}
                <GuardianFields
                  idPrefix={`g-${g.guardianId}`}
                  field={(name, options) => form.getInputProps(`guardians.${index}.${name}`, options)}
                />
              </Fieldset>
            ))}
            {form.values.guardians.length < MAX_GUARDIANS && (
              <Group>
                <Button variant="light" leftSection={<IconPlus size={18} aria-hidden />} onClick={addGuardian}>
                  {t.addGuardian}
                </Button>
              </Group>
            )}
          </Stack>
        </section>

        <section aria-labelledby="children-title">
          <Title order={2} size="h3" id="children-title" mb="xs">
            {t.children}
          </Title>
          <Stack gap="md">
            {form.values.children.length === 0 && (
              <Text c="dimmed" size="sm">
                {t.noChild}
              </Text>
            )}
            {form.values.children.map((c, index) => (
              <Fieldset key={c.childId} legend={<Text fw={600}>{t.child(index + 1)}</Text>} radius="md">
                <Group justify="flex-end" mt={-8} mb={-8}>
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={() => form.removeListItem('children', index)}
                  >
                    {t.removeChild}
                  </Button>
                </Group>
                <ChildFields
                  idPrefix={`c-${c.childId}`}
                  hasCareplan={c.hasCareplan}
                  field={(name, options) => form.getInputProps(`children.${index}.${name}`, options)}
                />
              </Fieldset>
            ))}
            {form.values.children.length < MAX_CHILDREN && (
              <Group>
                <Button variant="light" leftSection={<IconPlus size={18} aria-hidden />} onClick={addChild}>
                  {t.addChild}
                </Button>
              </Group>
            )}
          </Stack>
        </section>
      </Stack>

      <Paper withBorder shadow="sm" p="sm" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
        {orphans.length > 0 && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t.orphanErrors} mb="sm" role="alert">
            <List size="sm">
              {orphans.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              draft = null;
              navigate(paths.home);
            }}
          >
            {t.cancel}
          </Button>
          <Button type="submit" loading={create.pending} leftSection={<IconDeviceFloppy size={18} aria-hidden />}>
            {t.save}
          </Button>
        </Group>
      </Paper>
    </Box>
  );
}
