// Locks the desk after `minutes` without mouse or keyboard activity, so that the screen hides personal data
// promptly, without waiting for the next status check.
// The core locks the session by itself too, counting the calls it receives: reading a long family file or
// typing a form makes no call. So while the user is active, a cheap call (any handler above « anyone »
// refreshes the core's activity) is made now and then, and the core does not lock under an active user.
// The core has no dedicated « still here » handler yet: `families.recent` is the cheapest read every role may make.
import { useEffect, useRef } from 'react';
import { call } from '../../api';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_MS = 5_000;

export function useInactivityLock(options: { enabled: boolean; minutes: number; onIdle: () => void }) {
  const { enabled, minutes } = options;
  const onIdle = useRef(options.onIdle);
  useEffect(() => {
    onIdle.current = options.onIdle;
  });

  useEffect(() => {
    if (!enabled) return;
    const lockMs = minutes * 60_000;
    const keepAliveMs = Math.min(60_000, lockMs / 4);
    let lastActivity = Date.now();
    let lastKeepAlive = Date.now();
    let idle = false;
    const bump = () => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, bump, { passive: true, capture: true });
    const timer = setInterval(() => {
      const now = Date.now();
      if (!idle && now - lastActivity >= lockMs) {
        idle = true;
        onIdle.current();
      } else if (lastActivity > lastKeepAlive && now - lastKeepAlive >= keepAliveMs) {
        lastKeepAlive = now;
        call('families.recent', {}).catch(() => undefined);
      }
    }, CHECK_MS);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, bump, { capture: true });
    };
  }, [enabled, minutes]);
}
