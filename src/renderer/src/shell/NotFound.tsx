// An address the desk does not know (a stale bookmark, a typo in the hash).
import { Anchor, Stack, Title } from '@mantine/core';
import { text } from '../features/families/labels';
import { paths } from '../router';

export function NotFound() {
  return (
    <Stack>
      <Title order={1} size="h2">
        {text.notFound.title}
      </Title>
      <Anchor href={paths.home}>{text.notFound.back}</Anchor>
    </Stack>
  );
}
