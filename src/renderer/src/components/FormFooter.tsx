// The bottom of a modal form: errors no field can show, then Annuler / Enregistrer.
import { Alert, Button, Group, List } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';

interface FormFooterProps {
  onCancel: () => void;
  pending: boolean;
  orphans?: string[];
  submitLabel?: string;
  cancelLabel?: string;
  orphansTitle?: string;
  /** Keep the buttons in view at the bottom of a long modal (the modal scrolls under them). */
  sticky?: boolean;
}

export function FormFooter({
  onCancel,
  pending,
  orphans = [],
  submitLabel = 'Enregistrer',
  cancelLabel = 'Annuler',
  orphansTitle = 'À corriger :',
  sticky = false,
}: FormFooterProps) {
  return (
    <>
      {orphans.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={orphansTitle} mt="md" role="alert">
          <List size="sm">
            {orphans.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group
        justify="flex-end"
        mt="lg"
        py={sticky ? 'sm' : undefined}
        style={
          sticky
            ? {
                position: 'sticky',
                bottom: 0,
                zIndex: 2,
                background: 'var(--mantine-color-body)',
                borderTop: '1px solid var(--mantine-color-gray-3)',
              }
            : undefined
        }
      >
        <Button variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button type="submit" loading={pending} leftSection={<IconDeviceFloppy size={18} aria-hidden />}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
