// The inputs of one guardian, shared by the new family form and the guardian modal. `field(name)` gives the
// Mantine input props of that field (its path depends on where the guardian sits in the form).
import { Checkbox, Grid, Group, NativeSelect, Radio, TextInput, Title } from '@mantine/core';
import type { GetInputPropsOptions, GetInputPropsReturnType } from '@mantine/form';
import type { GuardianValues } from './formValues';
import { fieldLabels as label, relationshipLabels, text } from './labels';

export type FieldProps<V> = (name: keyof V & string, options?: GetInputPropsOptions) => GetInputPropsReturnType;

interface GuardianFieldsProps {
  field: FieldProps<GuardianValues>;
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  /** Hide the household-specific fields (relationship, invoices) when another screen handles them. */
  withHouseholdFields?: boolean;
}

const relationshipOptions = Object.entries(relationshipLabels).map(([value, l]) => ({ value, label: l }));

function SectionTitle({ children }: { children: string }) {
  return (
    <Title order={3} size="sm" c="dimmed" tt="uppercase" mt="xs">
      {children}
    </Title>
  );
}

export function GuardianFields({ field, idPrefix, withHouseholdFields = true }: GuardianFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const t = text.form;
  return (
    <Grid gap="sm">
      <Grid.Col span={12}>
        <SectionTitle>{t.sections.identity}</SectionTitle>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <Radio.Group label={label.civility} withAsterisk {...field('civility')} id={id('civility')}>
          <Group gap="md" mt={8}>
            <Radio value="Mme" label={t.civilities.Mme} />
            <Radio value="M." label={t.civilities['M.']} />
          </Group>
        </Radio.Group>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('firstName')} label={label.firstName} withAsterisk autoComplete="off" {...field('firstName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('lastName')} label={label.lastName} withAsterisk autoComplete="off" {...field('lastName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('birthName')} label={label.birthName} autoComplete="off" {...field('birthName')} />
      </Grid.Col>

      <Grid.Col span={12}>
        <SectionTitle>{t.sections.phones}</SectionTitle>
      </Grid.Col>
      {(['mobilePhone', 'homePhone', 'workPhone'] as const).map((name) => (
        <Grid.Col key={name} span={{ base: 12, sm: 3 }}>
          <TextInput id={id(name)} label={label[name]} type="tel" inputMode="tel" autoComplete="off" {...field(name)} />
        </Grid.Col>
      ))}
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('email')} label={label.email} type="email" autoComplete="off" {...field('email')} />
      </Grid.Col>

      <Grid.Col span={12}>
        <SectionTitle>{t.sections.address}</SectionTitle>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput id={id('addressLine1')} label={label.addressLine1} autoComplete="off" {...field('addressLine1')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('addressLine2')} label={label.addressLine2} autoComplete="off" {...field('addressLine2')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 2 }}>
        <TextInput
          id={id('postalCode')}
          label={label.postalCode}
          inputMode="numeric"
          maxLength={5}
          autoComplete="off"
          {...field('postalCode')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('city')} label={label.city} autoComplete="off" {...field('city')} />
      </Grid.Col>

      <Grid.Col span={12}>
        <SectionTitle>{withHouseholdFields ? `${t.sections.employer} · ${t.sections.family}` : t.sections.employer}</SectionTitle>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('employerName')} label={label.employerName} autoComplete="off" {...field('employerName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput
          id={id('employerPhone')}
          label={label.employerPhone}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...field('employerPhone')}
        />
      </Grid.Col>
      {withHouseholdFields && (
        <>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <NativeSelect
              id={id('relationship')}
              label={label.relationship}
              data={relationshipOptions}
              {...field('relationship')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <Checkbox
              id={id('receivesInvoices')}
              label={t.receivesInvoicesLabel}
              mb={8}
              {...field('receivesInvoices', { type: 'checkbox' })}
            />
          </Grid.Col>
        </>
      )}
    </Grid>
  );
}
