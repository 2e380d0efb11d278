import { Text } from 'ink';

// Placeholder while the screen is being built.
export function JobDetailScreen(_props: Record<string, unknown>) {
  return <Text>JobDetailScreen</Text>;
}
