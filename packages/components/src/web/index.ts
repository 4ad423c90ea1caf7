// React implementations of the catalogue, one function per component (see ./types for what they receive).
export { Button, Heading, Icon, Image, Link, QRCode, RichText, Text } from './basic';
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
export { webStyles } from './styles';
export type { ChildView, FieldBinding, WebComponent, WebComponentProps } from './types';
export { safeUrl } from './url';
