// The inputs of one guardian, shared by the new family form and the guardian modal. `field(name)` gives the
// Mantine input props of that field (its path depends on where the guardian sits in the form).
import { Checkbox, Grid, Group, NativeSelect, Radio, TextInput } from '@mantine/core';
import type { GetInputPropsOptions, GetInputPropsReturnType } from '@mantine/form';
import { Cell, GridSection, TelInput } from './FieldGrid';
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

export function GuardianFields({ field, idPrefix, withHouseholdFields = true }: GuardianFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const t = text.form;
  return (
    <Grid gap="sm">
      <GridSection title={t.sections.identity} />
      <Cell sm={3}>
        <Radio.Group label={label.civility} withAsterisk {...field('civility')} id={id('civility')}>
          <Group gap="md" mt={8}>
            <Radio value="Mme" label={t.civilities.Mme} />
            <Radio value="M." label={t.civilities['M.']} />
          </Group>
        </Radio.Group>
      </Cell>
      <Cell sm={3}>
        <TextInput id={id('firstName')} label={label.firstName} withAsterisk autoComplete="off" {...field('firstName')} />
      </Cell>
      <Cell sm={3}>
        <TextInput id={id('lastName')} label={label.lastName} withAsterisk autoComplete="off" {...field('lastName')} />
      </Cell>
      <Cell sm={3}>
        <TextInput id={id('birthName')} label={label.birthName} autoComplete="off" {...field('birthName')} />
      </Cell>

      <GridSection title={t.sections.phones} />
      {(['mobilePhone', 'homePhone', 'workPhone'] as const).map((name) => (
        <Cell key={name} sm={3}>
          <TelInput id={id(name)} label={label[name]} {...field(name)} />
        </Cell>
      ))}
      <Cell sm={3}>
        <TextInput id={id('email')} label={label.email} type="email" autoComplete="off" {...field('email')} />
      </Cell>

      <GridSection title={t.sections.address} />
      <Cell sm={4}>
        <TextInput id={id('addressLine1')} label={label.addressLine1} autoComplete="off" {...field('addressLine1')} />
      </Cell>
      <Cell sm={3}>
        <TextInput id={id('addressLine2')} label={label.addressLine2} autoComplete="off" {...field('addressLine2')} />
      </Cell>
      <Cell sm={2}>
        <TextInput
          id={id('postalCode')}
          label={label.postalCode}
          inputMode="numeric"
          maxLength={5}
          autoComplete="off"
          {...field('postalCode')}
        />
      </Cell>
      <Cell sm={3}>
        <TextInput id={id('city')} label={label.city} autoComplete="off" {...field('city')} />
      </Cell>

      <GridSection title={withHouseholdFields ? `${t.sections.employer} · ${t.sections.family}` : t.sections.employer} />
      <Cell sm={3}>
        <TextInput id={id('employerName')} label={label.employerName} autoComplete="off" {...field('employerName')} />
      </Cell>
      <Cell sm={3}>
        <TelInput id={id('employerPhone')} label={label.employerPhone} {...field('employerPhone')} />
      </Cell>
      {withHouseholdFields && (
        <>
          <Cell sm={3}>
            <NativeSelect
              id={id('relationship')}
              label={label.relationship}
              data={relationshipOptions}
              {...field('relationship')}
            />
          </Cell>
          <Cell sm={3} alignEnd>
            <Checkbox
              id={id('receivesInvoices')}
              label={t.receivesInvoicesLabel}
              mb={8}
              {...field('receivesInvoices', { type: 'checkbox' })}
            />
          </Cell>
        </>
      )}
    </Grid>
  );
}
