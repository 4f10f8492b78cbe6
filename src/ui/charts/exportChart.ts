// Saving a drawn chart as a file: a standalone SVG (the Plot SVG with its title and colour legend
// drawn into it, since Plot's legend is HTML) and a PNG rendered from that SVG at twice its size.
import { downloadBlob } from '../../state/download';

/** The file formats a chart can be saved in. */
export type ChartFormat = 'svg' | 'png';

/** What a chart file is called and titled. */
export interface ChartFile {
  /** The open workbook's name, the first part of the file name. */
  workbook: string;
  /** A short, stable name for the chart (`trajectory`, `wedges`, …). */
  chart: string;
  /** The chart's title, drawn above it. */
  title: string;
  /** Drawn under the title in red: why the result cannot be computed and where that starts. */
  note?: string;
}

/** A Plot figure: `scale('color')` describes its colour scale (Plot's documented API). */
interface PlotFigure extends Element {
  scale?: (name: string) => { domain?: unknown[]; range?: unknown[] } | undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TEXT = '#16202a';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A name safe in every file system: letters and digits, words joined by `-` (å → a). */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'bana';
}

/** `<workbook>-<chart>.<format>`, e.g. `region-dalarna-mot-75-till-2030-trajectory.svg`. */
export function chartFileName(file: Pick<ChartFile, 'workbook' | 'chart'>, format: ChartFormat): string {
  return `${fileSlug(file.workbook)}-${fileSlug(file.chart)}.${format}`;
}

/** The chart's own SVG inside what Plot returned (a bare `<svg>` or a `<figure>` with a legend). */
function plotSvg(figure: Element): SVGSVGElement | null {
  if (figure instanceof SVGSVGElement) return figure;
  return figure.querySelector<SVGSVGElement>(':scope > svg') ?? figure.querySelector('svg:last-of-type');
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text width for laying out the legend; a generous estimate where canvas text is unavailable. */
function measure(text: string, fontSize: number, fontFamily: string): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return text.length * fontSize * 0.62;
  context.font = `${fontSize}px ${fontFamily}`;
  return context.measureText(text).width;
}

/** The colour legend's entries, from the Plot figure's colour scale (ordinal ranges repeat). */
function legendEntries(figure: PlotFigure): { label: string; colour: string }[] {
  const scale = typeof figure.scale === 'function' ? figure.scale('color') : undefined;
  const domain = scale?.domain ?? [];
  const range = scale?.range ?? [];
  if (range.length === 0) return [];
  return domain.map((label, i) => ({ label: String(label), colour: String(range[i % range.length]) }));
}

/**
 * Serialise a Plot figure as a standalone SVG document: white background, the title, the colour
 * legend as SVG swatches (wrapping to the chart's width), then the chart itself with Plot's own
 * `<style>`. Fonts are the system stack the app uses (no web fonts to embed).
 * @param figure what a plot function returned, as it is drawn in the page
 * @param title drawn in bold above the legend
 * @param note drawn in red under the title (a result that cannot be computed says so in the file)
 * @returns the SVG text and its size in CSS pixels
 * @throws Error when the figure holds no SVG
 * @example chartSvg(host.firstElementChild, 'Emissions against the targets').text
 */
export function chartSvg(
  figure: Element,
  title: string,
  note?: string,
): { text: string; width: number; height: number } {
  const source = plotSvg(figure);
  if (!source) throw new Error('no chart drawn yet');
  const width = Number(source.getAttribute('width')) || source.getBoundingClientRect().width;
  const height = Number(source.getAttribute('height')) || source.getBoundingClientRect().height;
  const style = source.isConnected ? getComputedStyle(source) : null;
  const fontSize = Number.parseFloat(style?.fontSize ?? '') || 14;
  const fontFamily = style?.fontFamily || FONT;
  const pad = Math.round(fontSize * 0.8);
  const line = Math.round(fontSize * 1.5);

  const fullWidth = Math.ceil(width + pad);
  const root = el('svg', {
    xmlns: SVG_NS,
    width: fullWidth,
    height: 0,
    'font-family': fontFamily,
    'font-size': fontSize,
  });
  root.append(el('title', {}, title));
  const background = el('rect', { x: 0, y: 0, width: fullWidth, height: 0, fill: '#ffffff' });
  root.append(background);
  let y = pad;
  const titleSize = Math.round(fontSize * 1.25);
  root.append(
    el('text', { x: pad, y: y + titleSize, 'font-size': titleSize, 'font-weight': 700, fill: TEXT }, title),
  );
  y += titleSize + pad;
  if (note) {
    root.append(
      el('text', { x: pad, y: y + fontSize, 'font-weight': 700, fill: '#b00020', class: 'note' }, note),
    );
    y += fontSize + pad;
  }

  // The legend, wrapped like Plot's swatches: a square of colour, the label, a gap.
  const legend = el('g', { class: 'legend' });
  const swatch = Math.round(fontSize);
  let x = pad;
  let rows = 0;
  for (const { label, colour } of legendEntries(figure)) {
    const itemWidth = swatch + fontSize * 0.4 + measure(label, fontSize, fontFamily) + fontSize * 1.2;
    if (x > pad && x + itemWidth > width - pad) {
      x = pad;
      rows += 1;
    }
    const top = y + rows * line;
    legend.append(
      el('rect', { x, y: top + (line - swatch) / 2, width: swatch, height: swatch, fill: colour }),
    );
    legend.append(
      el(
        'text',
        { x: x + swatch + fontSize * 0.4, y: top + line / 2, 'dominant-baseline': 'central', fill: TEXT },
        label,
      ),
    );
    x += itemWidth;
  }
  if (legend.childNodes.length > 0) {
    root.append(legend);
    y += (rows + 1) * line + pad / 2;
  }

  const chart = source.cloneNode(true) as SVGSVGElement;
  chart.removeAttribute('aria-hidden');
  // Plot lets its axis labels run over the edges; the page shows them, so the file does too.
  chart.setAttribute('overflow', 'visible');
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(y));
  chart.setAttribute('width', String(width));
  chart.setAttribute('height', String(height));
  if (!chart.hasAttribute('viewBox')) chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.style.fontFamily = fontFamily;
  chart.style.color = TEXT;
  root.append(chart);

  const total = Math.ceil(y + height + pad);
  root.setAttribute('height', String(total));
  root.setAttribute('viewBox', `0 0 ${fullWidth} ${total}`);
  background.setAttribute('height', String(total));
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { text, width: fullWidth, height: total };
}

/**
 * Render SVG text to a PNG: an Image from a Blob URL (the CSP allows `img-src blob:`), drawn on a
 * white canvas at `pixelRatio` times its size.
 * @throws Error when the browser cannot decode the SVG or encode the PNG
 */
export async function svgToPng(
  svg: { text: string; width: number; height: number },
  pixelRatio = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * pixelRatio);
    canvas.height = Math.round(svg.height * pixelRatio);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Download the chart drawn in `host` as `<workbook>-<chart>.svg` or `.png`.
 * @param host the element the Plot figure is drawn into (its first element child)
 * @throws Error when nothing is drawn yet or the PNG cannot be made
 */
export async function exportChart(host: Element, format: ChartFormat, file: ChartFile): Promise<void> {
  const figure = host.querySelector(':scope > figure, :scope > svg');
  if (!figure) throw new Error('no chart drawn yet');
  const svg = chartSvg(figure, file.title, file.note);
  const blob =
    format === 'svg' ? new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }) : await svgToPng(svg);
  downloadBlob(chartFileName(file, format), blob);
}
