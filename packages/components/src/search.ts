import { components } from './catalogue';
import type { ComponentCategory, ComponentMeta, LocalizedText, Target } from './types';

export interface ListFilter {
  category?: ComponentCategory;
  target?: Target;
}

/** Components in palette order, optionally only one category and/or those that support a target. */
export function listComponents(filter: ListFilter = {}): ComponentMeta[] {
  return components.filter(
    (meta) =>
      (filter.category === undefined || meta.category === filter.category) &&
      (filter.target === undefined || meta.targets.includes(filter.target)),
  );
}

// Full-width letters and digits (common with Chinese input methods) fold to their ASCII forms.
const normalize = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function textIn(text: LocalizedText, locale: string): string {
  return text[locale] ?? text.en;
}

function matchScore(field: string, term: string, exact: number): number {
  const value = normalize(field);
  if (value === term) return exact;
  if (value.startsWith(term)) return exact * 0.8;
  if (value.includes(term)) return exact * 0.6;
  return 0;
}

function termScore(meta: ComponentMeta, term: string, locale: string): number {
  const otherTitles = Object.entries(meta.title)
    .filter(([l]) => l !== locale)
    .flatMap(([, v]) => (v === undefined ? [] : [v]));
  return Math.max(
    matchScore(textIn(meta.title, locale), term, 100),
    matchScore(meta.name, term, 60),
    ...otherTitles.map((title) => matchScore(title, term, 50)),
    matchScore(textIn(meta.description, locale), term, 15),
  );
}

/**
 * Palette search: components whose title (in `locale` first, then the other locales), name or
 * description contains every word of `query`, best matches first. An empty query lists them all.
 */
export function searchComponents(query: string, locale: string): ComponentMeta[] {
  const terms = normalize(query).split(' ').filter(Boolean);
  if (terms.length === 0) return [...components];
  const scored: { meta: ComponentMeta; score: number; order: number }[] = [];
  components.forEach((meta, order) => {
    let score = 0;
    for (const term of terms) {
      const s = termScore(meta, term, locale);
      if (s === 0) return;
      score += s;
    }
    scored.push({ meta, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map((s) => s.meta);
}
