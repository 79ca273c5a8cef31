// A guardian of the household: identity, relationship with the children, phones, e-mail, address, employer,
// and whether they receive the invoices (a switch, saved at once with `guardian.setReceivesInvoices`); below,
// their « Espace famille » (features/portal).
import { Button, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { IconBriefcase, IconHome, IconMail, IconPencil, IconPhone } from '@tabler/icons-react';
import { useCommand } from '../../commands';
import { PortalAccountBlock } from '../portal/PortalAccountBlock';
import { formatPhone, fullName, joinFr } from './format';
import type { Relationship } from './formValues';
import { relationshipOf, text } from './labels';
import type { ChildView, GuardianView } from './queries';

interface GuardianCardProps {
  householdId: string;
  guardian: GuardianView;
  children: ChildView[];
  onEdit: () => void;
}

function relationshipSummary(guardianId: string, children: ChildView[]): string[] {
  const byRelationship = new Map<Relationship, string[]>();
  for (const child of children) {
    const rel = child.relationships.find((r) => r.guardianId === guardianId)?.relationship;
    if (!rel) continue;
    byRelationship.set(rel, [...(byRelationship.get(rel) ?? []), child.firstName]);
  }
  return [...byRelationship].map(([rel, names]) => `${relationshipOf[rel]} ${joinFr(names)}`);
}

export function GuardianCard({ householdId, guardian: g, children, onEdit }: GuardianCardProps) {
  const t = text.family;
  const setInvoices = useCommand('guardian.setReceivesInvoices');
  const phones = (['mobilePhone', 'homePhone', 'workPhone'] as const).filter((k) => g[k]);
  const address = [g.addressLine1, g.addressLine2, [g.postalCode, g.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const relations = relationshipSummary(g.id, children);
  const name = `${g.civility} ${fullName(g)}`;

  return (
    <Card withBorder padding="md" component="article" aria-label={name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={4}>
        <div>
          <Text fw={700} size="lg">
            {name}
          </Text>
          {g.birthName && (
            <Text size="sm" c="dimmed">
              {t.birthName(g.civility, g.birthName)}
            </Text>
          )}
          {relations.length > 0 && <Text size="sm">{relations.join(' · ')}</Text>}
        </div>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={onEdit}
          aria-label={`${t.edit} ${name}`}
        >
          {t.edit}
        </Button>
      </Group>
      <Stack gap={4} mt="xs">
        {phones.length === 0 && (
          <Text size="sm" c="red.9">
            {t.noPhone}
          </Text>
        )}
        {phones.map((k) => (
          <Group key={k} gap={6} wrap="nowrap">
            <IconPhone size={15} aria-hidden />
            <Text size="sm" c="dimmed" w={70}>
              {t.phones[k]}
            </Text>
            <Text size="sm" fw={600}>
              {formatPhone(g[k])}
            </Text>
          </Group>
        ))}
        <Group gap={6} wrap="nowrap">
          <IconMail size={15} aria-hidden />
          <Text size="sm" c={g.email ? undefined : 'dimmed'} style={{ wordBreak: 'break-all' }}>
            {g.email || t.noEmail}
          </Text>
        </Group>
        {address && (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconHome size={15} aria-hidden style={{ marginTop: 3, flexShrink: 0 }} />
            <Text size="sm">{address}</Text>
          </Group>
        )}
        {(g.employerName || g.employerPhone) && (
          <Group gap={6} wrap="nowrap">
            <IconBriefcase size={15} aria-hidden />
            <Text size="sm">{[g.employerName, formatPhone(g.employerPhone)].filter(Boolean).join(' – ')}</Text>
          </Group>
        )}
      </Stack>
      <Switch
        mt="sm"
        label={t.receivesInvoices}
        size="md"
        checked={g.receivesInvoices}
        disabled={setInvoices.pending}
        onChange={(event) => {
          const receivesInvoices = event.currentTarget.checked;
          void setInvoices.run({ householdId, guardianId: g.id, receivesInvoices });
        }}
      />
      <PortalAccountBlock guardian={g} />
    </Card>
  );
}
