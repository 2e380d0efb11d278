import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useTheme } from '../theme/context.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Mounted only while a request is in flight: an idle screen has no timer and writes nothing. */
export function Spinner() {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % frames.length), 120);
    return () => clearInterval(timer);
  }, []);
  return <Text color={theme.accent}>{frames[frame]}</Text>;
}
