import { StyleForm } from '@/components/admin/styles/StyleForm';
import { StyleList } from '@/components/admin/styles/StyleList';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { listAllStyles } from '@/server/styles/list-styles';
import { createStyleAction, moveStyleAction, restoreStyleAction, retireStyleAction, updateStyleAction } from './actions';

export const generateMetadata = adminTitle('Styles');
export const dynamic = 'force-dynamic';

export default async function StylesPage() {
  await requireAdmin();
  const rows = await listAllStyles();
  const styles = rows.map((s) => ({
    slug: s.slug,
    name: s.name,
    description: s.description,
    previewUrl: s.previewPath,
    template: s.template,
    tokens: s.tokens,
    negativePrompt: s.negativePrompt,
    overrides: s.overrides,
    effects: s.effects,
    version: s.version,
    retired: s.retiredAt !== null,
  }));
  return (
    <div className="space-y-10">
      <section aria-labelledby="styles-heading" className="space-y-4">
        <div className="space-y-1">
          <h1 id="styles-heading" className="text-2xl font-semibold">Styles</h1>
          <p className="max-w-3xl text-sm text-zinc-400">
            A style wraps the user&apos;s prompt in its template, adds its negative prompt and applies its post effects to every image, in
            order. Its settings are suggestions: picking it fills them into the form, where the user can still change them. The content
            policy checks the expanded prompt. Retired styles are hidden from the generator; generations that used them keep their
            settings. Every change is in the audit log.
          </p>
        </div>
        <StyleList styles={styles} actions={{ update: updateStyleAction, move: moveStyleAction, retire: retireStyleAction, restore: restoreStyleAction }} />
      </section>
      <section aria-labelledby="new-style" className="space-y-4">
        <h2 id="new-style" className="text-lg font-semibold">New style</h2>
        <StyleForm action={createStyleAction} submitLabel="Create style" />
      </section>
    </div>
  );
}
