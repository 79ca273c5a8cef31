// The lock screen: the desk locked itself after inactivity (or the user locked it). It names who is logged in
// and asks for that person's password only; « Changer d'utilisateur » closes the session instead.
import { Alert, Button, Divider, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4, IconLock, IconLockOpen, IconLogout } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { ROLE_LABEL } from '../../../../shared/permissions';
import { useSessionActions } from './actions';
import { AuthFrame } from './AuthFrame';
import { PasswordField } from './PasswordField';
import type { SessionUser } from './queries';
import { text } from './text';
import { usePasswordAttempt } from './usePasswordAttempt';

export function LockScreen({ user }: { user: SessionUser }) {
  const t = text.lock;
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const { attempt, pending, error, failures, secondsLeft, waiting } = usePasswordAttempt();
  const { logout } = useSessionActions();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setMissing(password ? undefined : text.login.passwordRequired);
    if (!password) return passwordRef.current?.focus();
    if (!(await attempt(user.login, password))) {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <AuthFrame
      title={t.title}
      icon={
        <ThemeIcon size={48} radius="xl" variant="light" color="orange" aria-hidden>
          <IconLock size={28} />
        </ThemeIcon>
      }
    >
      <Text fw={700} ta="center" data-testid="lock-user">
        {t.who(user.name, ROLE_LABEL[user.role])}
      </Text>
      <Text size="sm" ta="center">
        {t.intro}
      </Text>
      <form onSubmit={submit} noValidate aria-label={t.title}>
        {/* The identifiant is known: given to password managers, not typed. */}
        <input type="text" name="username" autoComplete="username" value={user.login} readOnly hidden />
        <PasswordField
          ref={passwordRef}
          label={text.login.password}
          autoComplete="current-password"
          data-autofocus
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing ?? (waiting ? undefined : (error ?? undefined))}
        />
        {waiting && error && (
          <Alert color="orange" icon={<IconClockHour4 aria-hidden />} mt="sm" role="alert">
            {error}
          </Alert>
        )}
        {failures > 0 && (
          <Text size="xs" mt="xs">
            {text.login.delayHint}
          </Text>
        )}
        <Button
          type="submit"
          fullWidth
          mt="lg"
          loading={pending}
          disabled={secondsLeft > 0}
          leftSection={<IconLockOpen size={18} aria-hidden />}
        >
          {secondsLeft > 0 ? text.login.wait(secondsLeft) : t.submit}
        </Button>
      </form>
      <Divider />
      <Button
        variant="default"
        leftSection={<IconLogout size={18} aria-hidden />}
        loading={logout.isPending}
        onClick={() => logout.mutate()}
        aria-describedby="switch-user-hint"
      >
        {t.switchUser}
      </Button>
      <Text size="xs" c="dimmed" id="switch-user-hint" ta="center" mt={-8}>
        {t.switchUserHint}
      </Text>
    </AuthFrame>
  );
}
