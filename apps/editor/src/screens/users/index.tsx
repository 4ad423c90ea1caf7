import type { ReactNode } from 'react';
import type { ScreenProps } from '../../app/routes';

/** Placeholder until this screen is built (see src/screens/README.md). */
export default function Screen(_props: ScreenProps): ReactNode {
  return <p>users</p>;
}
