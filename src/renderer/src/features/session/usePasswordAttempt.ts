// One login attempt at a time, with the core's answer turned into what the login and lock screens show: the
// French error under the password, and, after too many failures, the wait before the next attempt (the core
// imposes 1 s, 2 s, 4 s… up to 30 s; its message says how long, and the screen counts down).
import { useEffect, useState } from 'react';
import { useSessionActions } from './actions';

export function usePasswordAttempt() {
  const { login } = useSessionActions();
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= waitUntil) {
        // The wait is over: its message would now be wrong.
        setWaitUntil(null);
        setError(null);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const secondsLeft = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));

  /** True when the session opened. */
  const attempt = async (loginName: string, password: string): Promise<boolean> => {
    if (secondsLeft > 0) return false;
    const result = await login.mutateAsync({ login: loginName, password }).catch((e: Error) => ({
      ok: false as const,
      code: 'error',
      message: e.message,
      fieldErrors: undefined,
    }));
    if (result.ok) {
      setError(null);
      setFailures(0);
      return true;
    }
    setFailures((n) => n + 1);
    if (result.code === 'tooMany') {
      const seconds = Number(/(\d+)\s*s\b/.exec(result.message)?.[1] ?? 1);
      setNow(Date.now());
      setWaitUntil(Date.now() + seconds * 1000);
    }
    setError(result.fieldErrors?.password ?? result.message);
    return false;
  };

  return { attempt, pending: login.isPending, error, failures, secondsLeft, waiting: waitUntil !== null };
}
