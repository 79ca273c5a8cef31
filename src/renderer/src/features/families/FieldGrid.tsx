// The field-grid layout of the family forms (guardian and child fields): titled sections, cells that take the
// whole row on a narrow window and `sm` of 12 columns from the `sm` breakpoint, and the phone input.
import { Grid, TextInput, Title, type TextInputProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section's title, alone on its row. */
export function GridSection({ title }: { title: string }) {
  return (
    <Grid.Col span={12}>
      <Title order={3} size="sm" c="dimmed" tt="uppercase" mt="xs">
        {title}
      </Title>
    </Grid.Col>
  );
}

/** One field's cell; `alignEnd` puts a checkbox level with the inputs beside it. */
export function Cell({ sm, alignEnd = false, children }: { sm: number; alignEnd?: boolean; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: 12, sm }} style={alignEnd ? { display: 'flex', alignItems: 'flex-end' } : undefined}>
      {children}
    </Grid.Col>
  );
}

/** A phone number: phone keyboard, no browser autofill (the values are a family's, not the agent's). */
export function TelInput(props: TextInputProps) {
  return <TextInput type="tel" inputMode="tel" autoComplete="off" {...props} />;
}
