// The new-password field of activation and reset: the rules listed under it and ticked as the parent types
// (each with a word, not only an icon), the strength in words, and the hub's refusal shown on the field.
import { Box, List, PasswordInput, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import { passwordRules, passwordStrength } from './password';

export function PasswordField({
  value,
  onChange,
  identity,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  identity: { firstName: string; lastName: string; login: string };
  error?: string;
}) {
  const rules = passwordRules(value, identity);
  const strength = passwordStrength(value);
  return (
    <Stack gap="xs">
      <PasswordInput
        label="Mot de passe"
        description="Une phrase facile à retenir pour vous, par exemple quatre mots sans rapport entre eux. Les règles sont indiquées sous le champ."
        required
        autoComplete="new-password"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        // Mantine marks the error with data-invalid only; assistive technologies need aria-invalid.
        aria-invalid={error ? true : undefined}
        size="md"
      />
      <Box>
        <Text size="sm" fw={600} mb={4}>
          Votre mot de passe doit comporter :
        </Text>
        <List spacing={4} size="sm" center>
          {rules.map((rule) => (
            <List.Item
              key={rule.label}
              icon={
                <ThemeIcon
                  size={20}
                  radius="xl"
                  color={rule.met === undefined ? 'gray' : rule.met ? 'green' : 'gray'}
                  variant={rule.met ? 'filled' : 'light'}
                  aria-hidden
                >
                  {rule.met === undefined ? (
                    <IconInfoCircle size={14} />
                  ) : rule.met ? (
                    <IconCheck size={14} />
                  ) : (
                    <IconX size={14} />
                  )}
                </ThemeIcon>
              }
            >
              {rule.label}
              {rule.met !== undefined && value.length > 0 && (
                <Text span size="sm" fw={600}>
                  {rule.met ? ' : respecté' : ' : pas encore'}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </Box>
      <Box aria-live="polite" mih={34}>
        {value.length > 0 && (
          <>
            <Text size="sm">
              Robustesse : <strong>{strength.label}</strong>
            </Text>
            <Progress value={strength.level * 25} color={strength.color} size="sm" mt={4} aria-hidden />
          </>
        )}
      </Box>
    </Stack>
  );
}
