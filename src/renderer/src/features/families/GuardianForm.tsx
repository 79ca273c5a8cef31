// Edit a guardian, or add one to the household, in a modal (`guardian.update` / `guardian.add`).
import { Modal } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { emptyGuardian, guardianArgs, guardianValues, type GuardianValues } from './formValues';
import { GuardianFields } from './GuardianFields';
import { text } from './labels';
import type { GuardianView } from './queries';

interface GuardianFormProps {
  opened: boolean;
  onClose: () => void;
  householdId: string;
  /** The guardian to edit; absent to add a new one. */
  guardian?: GuardianView;
}

export function GuardianForm({ opened, onClose, householdId, guardian }: GuardianFormProps) {
  const title = guardian
    ? text.family.guardianTitle(`${guardian.civility} ${guardian.firstName} ${guardian.lastName}`)
    : text.family.newGuardianTitle;
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={1000}>
      {opened && <GuardianFormBody onClose={onClose} householdId={householdId} guardian={guardian} />}
    </Modal>
  );
}

function GuardianFormBody({ onClose, householdId, guardian }: Omit<GuardianFormProps, 'opened'>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const update = useCommand('guardian.update', { success: text.family.saved });
  const add = useCommand('guardian.add', { success: text.family.guardianAdded });
  const form = useForm<GuardianValues>({
    mode: 'controlled',
    initialValues: guardian ? guardianValues(guardian) : emptyGuardian(),
  });

  const submit = async (v: GuardianValues) => {
    setOrphans([]);
    const result = guardian
      ? await update.run({ ...guardianArgs(v), guardianId: guardian.id })
      : await add.run({
          ...guardianArgs(v),
          householdId,
          guardianId: v.guardianId,
          receivesInvoices: v.receivesInvoices,
          relationship: v.relationship,
        });
    if (!result) return;
    if (result.ok) onClose();
    else setOrphans(showFieldErrors(form, result.fieldErrors ?? {}, formRef.current));
  };

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <GuardianFields
        idPrefix="guardian-modal"
        withHouseholdFields={!guardian}
        field={(name, options) => form.getInputProps(name, options)}
      />
      <FormFooter sticky onCancel={onClose} pending={update.pending || add.pending} orphans={orphans} />
    </form>
  );
}
