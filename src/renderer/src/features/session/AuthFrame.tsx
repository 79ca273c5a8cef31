// The frame of the login and lock screens: the whole window, the app's name, one card. Nothing of the desk
// (navigation, search, family data) is rendered behind it.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { text as familiesText } from '../families/labels';
import classes from './session.module.css';

export function AuthFrame({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${familiesText.appName}`;
    return () => {
      document.title = familiesText.appName;
    };
  }, [title]);
  return (
    <main className={classes.screen}>
      <Paper className={classes.card} shadow="md" radius="md" p="xl" withBorder>
        <Stack gap="md">
          <Stack gap={4} align="center">
            {icon}
            <Text className={classes.brand}>{familiesText.appName}</Text>
            <Title order={1} size="h2" ref={titleRef}>
              {title}
            </Title>
          </Stack>
          {children}
        </Stack>
      </Paper>
    </main>
  );
}
