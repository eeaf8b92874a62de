'use client';
import { useQuery } from '@tanstack/react-query';
import { listStylesAction } from '@/app/(studio)/generate/style-actions';
import type { StyleSummary } from '@/domain/styles/style-schema';
import { overridesAsFormValues, StylePicker } from './StylePicker';

type Props = {
  value: string;
  /** The chosen slug, and the style's suggested settings as form strings ({} for None), for the form to fill in. */
  onChange: (slug: string, settings: Record<string, string>) => void;
  name?: string;
};

/**
 * The Style control wired to its data, for a form that is not handed the styles by its page:
 * loads them once (they change only when an admin edits them). Renders nothing until there are some.
 */
export function StyleField({ value, onChange, name = 'style' }: Props) {
  const { data: styles, error } = useQuery({
    queryKey: ['styles'],
    queryFn: async (): Promise<StyleSummary[]> => {
      const r = await listStylesAction({});
      if (!r?.ok) throw new Error(r?.error.message ?? 'The styles could not be loaded.');
      return r.styles;
    },
    staleTime: 5 * 60_000,
  });
  if (error) return <p role="alert" className="text-xs text-red-400">Styles could not be loaded: {(error as Error).message}</p>;
  if (!styles || styles.length === 0) return null;
  return (
    <StylePicker
      styles={styles}
      value={value}
      name={name}
      onChange={(slug) => onChange(slug, overridesAsFormValues(styles.find((s) => s.slug === slug)?.overrides ?? {}))}
    />
  );
}
