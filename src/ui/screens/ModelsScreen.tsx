import { Text } from 'ink';

// Placeholder while the screen is being built.
export function ModelsScreen(_props: Record<string, unknown>) {
  return <Text>ModelsScreen</Text>;
}
