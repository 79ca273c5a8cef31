// Setting or resetting the password of an existing account (`staff.setPassword`), with the rules explained.
// In set-up mode, giving the first administrator account its password ends set-up mode (login screen next).
import { Modal } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { announceSetupDone } from '../session/actions';
import { recheckSession } from '../session/queries';
import { useSession } from '../session/SessionContext';
import { PasswordFields, passwordFormErrors, useSetStaffPassword, type PasswordValues } from './PasswordFields';
import type { StaffAccount } from './queries';
import { text } from './text';

export function PasswordModal({ account, onClose }: { account: StaffAccount | null; onClose: () => void }) {
  return (
    <Modal opened={account !== null} onClose={onClose} title={account ? text.password.title(account.name) : ''}>
      {account && <PasswordBody account={account} onClose={onClose} />}
    </Modal>
  );
}

function PasswordBody({ account, onClose }: { account: StaffAccount; onClose: () => void }) {
  const { setupMode } = useSession();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const setPassword = useSetStaffPassword();
  const form = useForm<PasswordValues>({
    mode: 'controlled',
    initialValues: { password: '', confirm: '' },
    validate: passwordFormErrors,
  });
  const submit = async (v: PasswordValues) => {
    setOrphans([]);
    const result = await setPassword.mutateAsync({ staffId: account.id, password: v.password }).catch(() => undefined);
    if (!result) return;
    if (!result.ok) {
      setOrphans(showFieldErrors(form, { password: result.fieldErrors?.password ?? result.message }, formRef.current));
      return;
    }
    if (setupMode && account.active) {
      announceSetupDone(account.login);
      await recheckSession(queryClient);
      return;
    }
    notifications.show({ color: 'green', title: text.password.saved, message: account.name });
    onClose();
  };
  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <PasswordFields form={form} label={text.password.newPassword} autoFocus />
      <FormFooter onCancel={onClose} pending={setPassword.isPending} orphans={orphans} submitLabel={text.password.submit} />
    </form>
  );
}
