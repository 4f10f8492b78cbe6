// The printed page's header: the open workbook's name and the date it is printed. Hidden on
// screen (see print.css); the date is refreshed on `beforeprint`.
import { createSignal, onCleanup, onMount } from 'solid-js';
import { intlLocale } from '../../i18n/format';
import { useI18n } from '../i18nContext';

export function PrintHeader(props: { name: string }) {
  const { t, locale } = useI18n();
  const [now, setNow] = createSignal(new Date());
  onMount(() => {
    const update = () => setNow(new Date());
    window.addEventListener('beforeprint', update);
    onCleanup(() => window.removeEventListener('beforeprint', update));
  });
  const date = () => new Intl.DateTimeFormat(intlLocale(locale()), { dateStyle: 'long' }).format(now());
  return <p class="print-header">{t('printHeader', { name: props.name, date: date() })}</p>;
}
