// A household signed up online: who signed up, and the existing households that may be the same family (same
// name, birth date, phone, e-mail…, with the reasons). Staff either attach the sign-up to one of them — choosing
// which existing child each new child is, or « Nouvel enfant » — validate it as a new household, or refuse it.
import { Badge, Button, Card, Group, List, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { IconLink, IconUserCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { foldText } from '../../../../shared/domain/search';
import { formatPhone } from '../families/format';
import { ReasonModal } from './ReasonModal';
import { useRequestCommand, useSignUpDetail, type SignUpDetail, type Suggestion } from './queries';
import { frDate, text } from './text';

const t = text.signUp;

export function SignUpModal({
  householdId,
  onClose,
  onDone,
}: {
  householdId: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const detail = useSignUpDetail(householdId);
  return (
    <Modal
      opened={householdId !== null}
      onClose={onClose}
      title={detail.data ? t.title(detail.data.view.household.name) : text.kindOne.signUp}
      size="xl"
    >
      {householdId &&
        (detail.isPending ? (
          <LoadingLine label={t.loading} />
        ) : detail.data ? (
          <SignUpBody detail={detail.data} onClose={onClose} onDone={onDone} />
        ) : (
          <Text>{text.emptyFiltered}</Text>
        ))}
    </Modal>
  );
}

function SignUpBody({ detail, onClose, onDone }: { detail: SignUpDetail; onClose: () => void; onDone: () => void }) {
  const { view, suggestions } = detail;
  const householdId = view.household.id;
  const [refusing, setRefusing] = useState(false);
  const validate = useRequestCommand('household.validateSignUp', { success: text.done.signUpValidated });
  const refuse = useRequestCommand('household.refuseSignUp', { success: text.done.refused });
  const finish = () => {
    onDone();
    onClose();
  };
  return (
    <Stack>
      <Group align="flex-start" grow>
        <div>
          <Text size="sm" fw={700}>
            {t.guardian}
          </Text>
          {view.guardians.map((g) => (
            <Text size="sm" key={g.id}>
              {g.civility} {g.firstName} {g.lastName} — {[g.email, formatPhone(g.mobilePhone)].filter(Boolean).join(' · ')}
              <br />
              {[g.addressLine1, `${g.postalCode} ${g.city}`.trim()].filter(Boolean).join(', ')}
            </Text>
          ))}
        </div>
        <div>
          <Text size="sm" fw={700}>
            {t.children}
          </Text>
          {view.children.map((c) => (
            <Text size="sm" key={c.id}>
              {c.firstName} {c.lastName}, né(e) le {frDate(c.birthDate)}
              {c.schoolLevel ? ` (${c.schoolLevel})` : ''}
            </Text>
          ))}
        </div>
      </Group>
      <Title order={2} size="h4">
        {t.suggestionsTitle}
      </Title>
      {suggestions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.noSuggestion}
        </Text>
      ) : (
        suggestions.map((s) => <SuggestionCard key={s.householdId} detail={detail} suggestion={s} onMerged={finish} />)
      )}
      <Group justify="flex-end">
        <Button color="red.9" variant="outline" leftSection={<IconX size={16} aria-hidden />} onClick={() => setRefusing(true)}>
          {t.refuse}
        </Button>
        <Button
          leftSection={<IconUserCheck size={16} aria-hidden />}
          loading={validate.pending}
          onClick={async () => {
            const result = await validate.run({ householdId });
            if (result?.ok) finish();
          }}
        >
          {t.validateNew}
        </Button>
      </Group>
      <ReasonModal
        opened={refusing}
        title={text.refuse.title}
        onClose={() => setRefusing(false)}
        onConfirm={async (reason) => {
          const result = await refuse.run({ householdId, reason });
          if (result?.ok) finish();
          return result?.ok ?? false;
        }}
      />
    </Stack>
  );
}

const NEW_CHILD = '';

function SuggestionCard({
  detail,
  suggestion,
  onMerged,
}: {
  detail: SignUpDetail;
  suggestion: Suggestion;
  onMerged: () => void;
}) {
  const merge = useRequestCommand('household.mergeSignUp', { success: text.done.merged });
  // A new child matches an existing one with the same first name and birth date, by default.
  const [matches, setMatches] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      detail.view.children.map((c) => [
        c.id,
        suggestion.children.find((k) => foldText(k.firstName) === foldText(c.firstName) && k.birthDate === c.birthDate)
          ?.childId ?? NEW_CHILD,
      ]),
    ),
  );
  const options = [
    { value: NEW_CHILD, label: t.newChild },
    ...suggestion.children.map((k) => ({ value: k.childId, label: `${k.firstName} ${k.lastName} (${frDate(k.birthDate)})` })),
  ];
  return (
    <Card withBorder padding="sm" data-testid="duplicate-suggestion">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{suggestion.name}</Text>
          <Badge variant="light" color="blue" c="gray.9">
            {t.score(suggestion.score)}
          </Badge>
        </Group>
        <List size="sm" spacing={0}>
          {suggestion.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
        {detail.view.children.map((c) => (
          <Select
            key={c.id}
            label={t.childMatch(`${c.firstName} ${c.lastName}`)}
            data={options}
            value={matches[c.id] ?? NEW_CHILD}
            allowDeselect={false}
            onChange={(value) => setMatches((m) => ({ ...m, [c.id]: value ?? NEW_CHILD }))}
            size="sm"
          />
        ))}
        <Group justify="flex-end">
          <Button
            variant="light"
            leftSection={<IconLink size={16} aria-hidden />}
            loading={merge.pending}
            onClick={async () => {
              const result = await merge.run({
                householdId: detail.view.household.id,
                intoHouseholdId: suggestion.householdId,
                childMatches: detail.view.children.map((c) => ({ childId: c.id, intoChildId: matches[c.id] || null })),
              });
              if (result?.ok) onMerged();
            }}
          >
            {t.attach}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
