// Creating or editing a staff account (`staff.save`), in a modal. A new account gets its password in the same
// form (`staff.setPassword` right after the save; if the password is refused the account exists without one,
// the form stays open and saving again completes it). In set-up mode the first account is an administrator:
// once its password is set the desk leaves set-up mode and asks for a login.
import { Checkbox, Modal, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Role } from '../../../../shared/commands/types';
import { ROLE_LABEL } from '../../../../shared/permissions';
import { useCommand } from '../../commands';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { newId } from '../../ids';
import { announceSetupDone } from '../session/actions';
import { recheckSession } from '../session/queries';
import { useSession } from '../session/SessionContext';
import { PasswordFields, passwordFormErrors, useSetStaffPassword } from './PasswordFields';
import { staffKeys, type StaffAccount } from './queries';
import { roleDescriptions, text } from './text';

const roles: Role[] = ['agent', 'regisseur', 'admin'];

interface StaffFormProps {
  opened: boolean;
  onClose: () => void;
  /** The account to edit; absent to create one. */
  account?: StaffAccount;
}

export function StaffForm({ opened, onClose, account }: StaffFormProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? text.form.editTitle(account.name) : text.form.createTitle}
      // A new account: identity on the left, password on the right, all in view at 1366×768.
      size={account ? 'lg' : 980}
    >
      {opened && <StaffFormBody onClose={onClose} account={account} />}
    </Modal>
  );
}

interface Values {
  name: string;
  login: string;
  role: Role;
  active: boolean;
  password: string;
  confirm: string;
}

function StaffFormBody({ onClose, account }: Omit<StaffFormProps, 'opened'>) {
  const t = text.form;
  const { setupMode } = useSession();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  // Chosen once: saving again after a refused password updates the same account.
  const [staffId] = useState(() => account?.id ?? newId());
  const creating = !account;
  const firstAdmin = creating && setupMode;
  const save = useCommand('staff.save', { failure: t.failed });
  const setPassword = useSetStaffPassword();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: account?.name ?? '',
      login: account?.login ?? '',
      role: account?.role ?? (firstAdmin ? 'admin' : 'agent'),
      active: account?.active ?? true,
      password: '',
      confirm: '',
    },
    validate: (v) => (creating ? passwordFormErrors(v) : {}),
  });

  const submit = async (v: Values) => {
    setOrphans([]);
    const saved = await save.run({
      staffId,
      login: v.login,
      name: v.name,
      role: firstAdmin ? 'admin' : v.role,
      active: v.active,
    });
    if (!saved) return;
    if (!saved.ok) {
      setOrphans(showFieldErrors(form, saved.fieldErrors ?? {}, formRef.current));
      return;
    }
    if (creating) {
      const result = await setPassword.mutateAsync({ staffId, password: v.password }).catch(() => undefined);
      if (!result) return;
      if (!result.ok) {
        setOrphans(showFieldErrors(form, { password: result.fieldErrors?.password ?? result.message }, formRef.current));
        return;
      }
    }
    await queryClient.invalidateQueries({ queryKey: staffKeys.all });
    if (firstAdmin) {
      // The desk has just left set-up mode: the session gate now shows the login screen.
      announceSetupDone(v.login.trim().toLowerCase());
      await recheckSession(queryClient);
      return;
    }
    notifications.show({ color: 'green', title: creating ? t.created : t.saved, message: v.name });
    onClose();
  };

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <SimpleGrid cols={creating ? 2 : 1} spacing="xl">
        <Stack gap="sm">
          <TextInput
            label={t.name}
            placeholder={t.namePlaceholder}
            withAsterisk
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t.login}
            description={t.loginHelp}
            withAsterisk
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            {...form.getInputProps('login')}
          />
          <Radio.Group
            label={t.role}
            withAsterisk
            description={firstAdmin ? t.setupRole : undefined}
            {...form.getInputProps('role')}
          >
            <Stack gap={6} mt={6}>
              {roles.map((role) => (
                <Radio
                  key={role}
                  value={role}
                  label={ROLE_LABEL[role]}
                  description={roleDescriptions[role]}
                  disabled={firstAdmin && role !== 'admin'}
                />
              ))}
            </Stack>
          </Radio.Group>
          {!creating && <Checkbox label={t.active} {...form.getInputProps('active', { type: 'checkbox' })} />}
        </Stack>
        {creating && <PasswordFields form={form} label={text.password.password} />}
      </SimpleGrid>
      <FormFooter onCancel={onClose} pending={save.pending || setPassword.isPending} orphans={orphans} />
    </form>
  );
}
