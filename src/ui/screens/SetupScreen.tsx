import { Text } from 'ink';

// Placeholder while the screen is being built.
export function SetupScreen(_props: Record<string, unknown>) {
  return <Text>SetupScreen</Text>;
}
