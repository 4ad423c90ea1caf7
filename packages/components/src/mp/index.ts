// Mini-program implementations of the catalogue: one WXML template and its WXSS per component.
import * as basic from './basic';
import * as data from './data';
import * as feedback from './feedback';
import * as form from './form';
import * as layout from './layout';
import * as navigation from './navigation';
import type { MpComponent } from './types';

export type { MpComponent, MpNodeContext } from './types';

export const mpComponents: Record<string, MpComponent> = {
  ...layout,
  ...basic,
  ...form,
  ...data,
  ...navigation,
  ...feedback,
};
