// The UI language as a Solid context: components call t('key') and re-render when it changes.
import { type Accessor, type JSX, createContext, useContext } from 'solid-js';
import { type StringKey, type UiLocale, translate } from '../i18n/strings';

export interface I18n {
  locale: Accessor<UiLocale>;
  t: (key: StringKey, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { locale: Accessor<UiLocale>; children: JSX.Element }) {
  const value: I18n = {
    locale: props.locale,
    t: (key, params) => translate(props.locale(), key, params),
  };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
