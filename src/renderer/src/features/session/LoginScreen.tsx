// The login screen (no session on this desk): identifiant and mot de passe, the core's French error, and the
// wait imposed after repeated failures, counted down on the button.
import { Alert, Button, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconClockHour4, IconLogin2, IconUserCircle } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { AuthFrame } from './AuthFrame';
import { PasswordField } from './PasswordField';
import { text } from './text';
import { usePasswordAttempt } from './usePasswordAttempt';

export function LoginScreen() {
  const t = text.login;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ login?: string; password?: string }>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  const { attempt, pending, error, failures, secondsLeft, waiting } = usePasswordAttempt();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problems = { login: login.trim() ? undefined : t.loginRequired, password: password ? undefined : t.passwordRequired };
    setMissing(problems);
    if (problems.login) return loginRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    if (!(await attempt(login, password))) {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <AuthFrame
      title={t.title}
      icon={
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
          <IconUserCircle size={30} />
        </ThemeIcon>
      }
    >
      <Text size="sm" ta="center">
        {t.intro}
      </Text>
      <form onSubmit={submit} noValidate aria-label={t.title}>
        <TextInput
          ref={loginRef}
          label={t.login}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          data-autofocus
          autoFocus
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          error={missing.login}
          mb="sm"
        />
        <PasswordField
          ref={passwordRef}
          label={t.password}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing.password ?? (waiting ? undefined : (error ?? undefined))}
        />
        {waiting && error && (
          <Alert color="orange" icon={<IconClockHour4 aria-hidden />} mt="sm" role="alert">
            {error}
          </Alert>
        )}
        {failures > 0 && (
          <Text size="xs" mt="xs">
            {t.delayHint}
          </Text>
        )}
        <Button
          type="submit"
          fullWidth
          mt="lg"
          loading={pending}
          disabled={secondsLeft > 0}
          leftSection={<IconLogin2 size={18} aria-hidden />}
        >
          {secondsLeft > 0 ? t.wait(secondsLeft) : t.submit}
        </Button>
      </form>
      <Text size="xs" c="dimmed">
        {t.forgotten}
      </Text>
    </AuthFrame>
  );
}
