// A password input whose show/hide button speaks French (Mantine's has no label of its own).
import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { text } from './text';

export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': text.showPassword, title: text.showPassword }} {...props} />;
}
