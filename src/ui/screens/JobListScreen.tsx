import { Text } from 'ink';

// Placeholder while the screen is being built.
export function JobListScreen(_props: Record<string, unknown>) {
  return <Text>JobListScreen</Text>;
}
