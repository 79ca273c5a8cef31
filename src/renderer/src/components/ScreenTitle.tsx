// A screen's title and its short explanation. The title takes the focus when the screen opens, so a keyboard
// or screen-reader user starts from the top of the new screen (without a visible focus ring on a heading).
import { Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';

export function ScreenTitle({ title, intro, introMaw }: { title: string; intro: string; introMaw?: number }) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  return (
    <div>
      <Title order={1} size="h2" ref={titleRef} tabIndex={-1} style={{ outline: 'none' }}>
        {title}
      </Title>
      <Text size="sm" mt={4} maw={introMaw}>
        {intro}
      </Text>
    </div>
  );
}
