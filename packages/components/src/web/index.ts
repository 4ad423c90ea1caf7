// React implementations of the catalogue, one function per component (see ./types for what they receive).
export { Button, Heading, ICON_GLYPHS, Icon, Image, Link, Text } from './basic';
export { List, Swiper, SwiperItem, Table } from './data';
export { Modal } from './feedback';
export {
  CheckboxGroup,
  DatePicker,
  Form,
  Input,
  NumberInput,
  RadioGroup,
  Select,
  Switch,
  Textarea,
  Upload,
} from './form';
export { Card, Column, Container, Divider, Grid, Page, Row, Spacer } from './layout';
export { NavBar, TabBar, TabPane, Tabs } from './navigation';
export { QRCode } from './qr-code';
export { RichText } from './rich-text';
export { webStyles } from './styles';
export type { ChildView, FieldBinding, WebComponent, WebComponentProps } from './types';
export { safeUrl } from './url';

/**
 * The module of each component (`@tessera/components/web/<module>`): generated pages import from
 * there, not from this index, so esbuild bundles a module only with the pages that use it.
 */
export const webModules: Record<string, string> = {
  Button: 'basic',
  Heading: 'basic',
  Icon: 'basic',
  Image: 'basic',
  Link: 'basic',
  QRCode: 'qr-code',
  Text: 'basic',
  List: 'data',
  Swiper: 'data',
  SwiperItem: 'data',
  Table: 'data',
  Modal: 'feedback',
  CheckboxGroup: 'form',
  DatePicker: 'form',
  Form: 'form',
  Input: 'form',
  NumberInput: 'form',
  RadioGroup: 'form',
  Select: 'form',
  Switch: 'form',
  Textarea: 'form',
  Upload: 'form',
  Card: 'layout',
  Column: 'layout',
  Container: 'layout',
  Divider: 'layout',
  Grid: 'layout',
  Page: 'layout',
  Row: 'layout',
  Spacer: 'layout',
  NavBar: 'navigation',
  TabBar: 'navigation',
  TabPane: 'navigation',
  Tabs: 'navigation',
  RichText: 'rich-text',
};
