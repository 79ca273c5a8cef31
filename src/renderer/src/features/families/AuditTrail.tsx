// "Historique des modifications": the household's audit trail, most recent first, in French, with the time on
// the Paris clock and who did it.
import { Button, Card, Group, List, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { auditNames, describeAudit } from './auditText';
import { formatDateTime } from './format';
import { text } from './labels';
import type { AuditRow, FamilyView } from './queries';

const FIRST_ROWS = 15;

export function AuditTrail({ rows, view }: { rows: AuditRow[]; view: FamilyView }) {
  const t = text.audit;
  const [all, setAll] = useState(false);
  const names = auditNames(view, rows);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="audit-title">
      <Title order={2} size="h4" id="audit-title" mb="sm">
        {t.title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t.empty}</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-labelledby="audit-title" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>{t.columns.at}</Table.Th>
              <Table.Th w={140}>{t.columns.who}</Table.Th>
              <Table.Th w={280}>{t.columns.what}</Table.Th>
              <Table.Th>{t.columns.details}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => {
              const line = describeAudit(row, names);
              return (
                <Table.Tr key={row.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{formatDateTime(row.at)}</Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>{row.actorName}</Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Text size="sm" fw={600}>
                      {line.action}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {line.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    {line.compact && <Text size="sm">{line.details.join(' · ')}</Text>}
                    {!line.compact && line.details.length > 0 && (
                      <List size="sm" spacing={0} listStyleType="none">
                        {line.details.map((d, i) => (
                          <List.Item key={i}>{d}</List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {rows.length > FIRST_ROWS && (
        <Group mt="sm">
          <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)}>
            {all ? t.showLess : t.showAll(rows.length)}
          </Button>
        </Group>
      )}
    </Card>
  );
}
