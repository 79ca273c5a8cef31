// Edit a child (allergies, PAI, school…) or add one, in a modal; also the child's relationship with each
// guardian of the household (`child.update` + `child.setRelationship`, or `child.add`).
import { Divider, Grid, Modal, NativeSelect, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { ChildFields } from './ChildFields';
import { fullName } from './format';
import { childArgs, childValues, emptyChild, type ChildValues, type Relationship } from './formValues';
import { relationshipLabels, text } from './labels';
import type { ChildView, GuardianView } from './queries';

interface ChildFormProps {
  opened: boolean;
  onClose: () => void;
  householdId: string;
  guardians: GuardianView[];
  /** The child to edit; absent to add a new one. */
  child?: ChildView;
  /** Default last name of a new child. */
  defaultLastName?: string;
}

type ChildFormValues = ChildValues & { relationships: Record<string, Relationship> };

const relationshipOptions = Object.entries(relationshipLabels).map(([value, label]) => ({ value, label }));

export function ChildForm(props: ChildFormProps) {
  const { opened, onClose, child } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={child ? text.family.childTitle(fullName(child)) : text.family.newChildTitle}
      size={1000}
    >
      {opened && <ChildFormBody {...props} />}
    </Modal>
  );
}

function ChildFormBody({ onClose, householdId, guardians, child, defaultLastName = '' }: ChildFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const update = useCommand('child.update');
  const add = useCommand('child.add', { success: text.family.childAdded });
  const setRelationship = useCommand('child.setRelationship');

  const initialRelationships = Object.fromEntries(
    guardians.map((g) => [g.id, child?.relationships.find((r) => r.guardianId === g.id)?.relationship ?? 'other']),
  ) as Record<string, Relationship>;
  const form = useForm<ChildFormValues>({
    mode: 'controlled',
    initialValues: {
      ...(child ? childValues(child) : emptyChild({ lastName: defaultLastName })),
      relationships: initialRelationships,
    },
  });

  const submit = async ({ relationships, ...values }: ChildFormValues) => {
    setOrphans([]);
    const { args, birthDateError } = childArgs(values);
    const dateErrors: Record<string, string> = birthDateError ? { birthDate: birthDateError } : {};
    if (!child) {
      const result = await add.run({
        ...args,
        householdId,
        childId: values.childId,
        relationships: Object.entries(relationships).map(([guardianId, relationship]) => ({ guardianId, relationship })),
      });
      if (!result) return;
      if (result.ok) onClose();
      else setOrphans(showFieldErrors(form, { ...(result.fieldErrors ?? {}), ...dateErrors }, formRef.current));
      return;
    }
    const result = await update.run({ ...args, childId: child.id });
    if (!result) return;
    if (!result.ok) {
      setOrphans(showFieldErrors(form, { ...(result.fieldErrors ?? {}), ...dateErrors }, formRef.current));
      return;
    }
    for (const [guardianId, relationship] of Object.entries(relationships)) {
      if (relationship === initialRelationships[guardianId]) continue;
      const linked = await setRelationship.run({ childId: child.id, guardianId, relationship });
      if (!linked?.ok) return;
    }
    notifications.show({ color: 'green', title: text.family.saved, message: fullName(values) });
    onClose();
  };

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <ChildFields
        idPrefix="child-modal"
        hasCareplan={form.values.hasCareplan}
        field={(name, options) => form.getInputProps(name, options)}
      />
      {guardians.length > 0 && (
        <>
          <Divider my="md" />
          <Title order={3} size="sm" c="dimmed" tt="uppercase" mb="xs">
            {text.family.relationshipsSection}
          </Title>
          <Grid gap="sm">
            {guardians.map((g) => (
              <Grid.Col key={g.id} span={{ base: 12, sm: 4 }}>
                <NativeSelect
                  id={`child-modal-rel-${g.id}`}
                  label={fullName(g)}
                  data={relationshipOptions}
                  {...form.getInputProps(`relationships.${g.id}`)}
                />
              </Grid.Col>
            ))}
          </Grid>
        </>
      )}
      <FormFooter
        sticky
        onCancel={onClose}
        pending={update.pending || add.pending || setRelationship.pending}
        orphans={orphans}
      />
    </form>
  );
}
