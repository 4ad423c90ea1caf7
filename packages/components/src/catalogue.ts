import { button } from './meta/button';
import { card } from './meta/card';
import { checkboxGroup } from './meta/checkbox-group';
import { column } from './meta/column';
import { container } from './meta/container';
import { datePicker } from './meta/date-picker';
import { divider } from './meta/divider';
import { form } from './meta/form';
import { grid } from './meta/grid';
import { heading } from './meta/heading';
import { icon } from './meta/icon';
import { image } from './meta/image';
import { input } from './meta/input';
import { link } from './meta/link';
import { list } from './meta/list';
import { modal } from './meta/modal';
import { navBar } from './meta/nav-bar';
import { numberInput } from './meta/number-input';
import { page } from './meta/page';
import { qrCode } from './meta/qr-code';
import { radioGroup } from './meta/radio-group';
import { richText } from './meta/rich-text';
import { row } from './meta/row';
import { select } from './meta/select';
import { spacer } from './meta/spacer';
import { swiper } from './meta/swiper';
import { swiperItem } from './meta/swiper-item';
import { switchMeta } from './meta/switch';
import { tabBar } from './meta/tab-bar';
import { tabPane } from './meta/tab-pane';
import { table } from './meta/table';
import { tabs } from './meta/tabs';
import { text } from './meta/text';
import { textarea } from './meta/textarea';
import { upload } from './meta/upload';
import type { ComponentCatalogue, ComponentMeta } from './types';

/** Every component, in palette order (within a category the palette keeps this order). */
export const components: readonly ComponentMeta[] = [
  page,
  container,
  row,
  column,
  grid,
  card,
  divider,
  spacer,
  text,
  heading,
  richText,
  button,
  link,
  icon,
  image,
  swiper,
  swiperItem,
  qrCode,
  form,
  input,
  textarea,
  numberInput,
  select,
  radioGroup,
  checkboxGroup,
  switchMeta,
  datePicker,
  upload,
  list,
  table,
  navBar,
  tabBar,
  tabs,
  tabPane,
  modal,
];

export const catalogue: ComponentCatalogue = Object.fromEntries(components.map((meta) => [meta.name, meta]));
