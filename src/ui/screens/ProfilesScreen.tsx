import { Text } from 'ink';

// Placeholder while the screen is being built.
export function ProfilesScreen(_props: Record<string, unknown>) {
  return <Text>ProfilesScreen</Text>;
}
