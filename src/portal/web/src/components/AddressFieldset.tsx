// The postal address block of the parents' forms (sign-up, Mes coordonnées): one fieldset, the browser's
// address autofill names, the postal code typed on a numeric keypad.
import { Card, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';

type AddressField = 'addressLine1' | 'addressLine2' | 'postalCode' | 'city';

export function AddressFieldset({
  input,
  required = false,
}: {
  /** The form's input props for a field (value, onChange, error, name, size). */
  input: (name: AddressField) => object;
  /** Sign-up needs the address; a known family may leave it as it is. */
  required?: boolean;
}) {
  return (
    <Card component="fieldset" withBorder radius="md" padding="md" style={{ margin: 0 }}>
      <Title order={2} size="h4" component="legend" px={4}>
        Adresse
      </Title>
      <Stack gap="sm">
        <TextInput
          label="Adresse"
          description="Numéro et nom de la voie"
          required={required}
          autoComplete="address-line1"
          {...input('addressLine1')}
        />
        <TextInput
          label="Complément d’adresse"
          description="Bâtiment, étage, lieu-dit (facultatif)"
          autoComplete="address-line2"
          {...input('addressLine2')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label="Code postal"
            required={required}
            autoComplete="postal-code"
            inputMode="numeric"
            maxLength={5}
            {...input('postalCode')}
          />
          <TextInput label="Commune" required={required} autoComplete="address-level2" {...input('city')} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
