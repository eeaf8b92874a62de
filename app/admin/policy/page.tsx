import { NsfwThresholdsForm } from '@/components/admin/policy/NsfwThresholdsForm';
import { PolicyEditor } from '@/components/admin/policy/PolicyEditor';
import { loadPolicyForEditing } from '@/server/admin/policy-edit';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { loadNsfwThresholds } from '@/server/safety/nsfw-thresholds';
import { saveNsfwThresholdsAction, savePolicyAction, testPolicyAction } from './actions';

export const generateMetadata = adminTitle('Policy');
export const dynamic = 'force-dynamic';

export default async function PolicyPage() {
  await requireAdmin();
  const [{ policy, version }, thresholds] = await Promise.all([loadPolicyForEditing(), loadNsfwThresholds()]);
  const categories = policy.categories.map((c) => ({ ...c, terms: policy.terms.filter((t) => t.category === c.id).map((t) => t.term) }));
  return (
    <div className="space-y-10">
      <section aria-labelledby="prompt-policy" className="space-y-4">
        <div className="space-y-1">
          <h1 id="prompt-policy" className="text-2xl font-semibold">Prompt policy</h1>
          <p className="max-w-3xl text-sm text-zinc-400">
            Prompts are checked before anything is charged. A term in a <strong>block</strong> category stops the prompt and counts a strike; a
            term in a <strong>flag</strong> category lets it run and sends its images to review. Terms match whole words and phrases, plurals
            included, after spacing, leetspeak, look-alike letters, symbols in place of letters (“p*rn”), words split by a space (“nu de”)
            and words glued to others (“nudewoman”) are undone, so list each term once in plain spelling. Nothing inside an allowlist phrase
            is matched: list “sex pistols” to let the band through while “sex” stays blocked. A category allowed in the negative prompt is
            only recorded there, since people write “nsfw, nude” to steer away from it. Saved changes reach every server within a few
            seconds.
          </p>
        </div>
        <PolicyEditor categories={categories} allow={policy.allow} version={version} saveAction={savePolicyAction} testAction={testPolicyAction} />
      </section>

      <section aria-labelledby="nsfw" className="space-y-4">
        <div className="space-y-1">
          <h2 id="nsfw" className="text-lg font-semibold">Image safety thresholds</h2>
          <p className="max-w-3xl text-sm text-zinc-400">
            Every finished image is scored by the NSFW classifier: unsafe score = porn + hentai + ½ × sexy, from 0 to 1. A purely suggestive
            image tops out at 0.5, so a block threshold above 0.5 only blocks explicit images.{' '}
            {thresholds.source === 'env'
              ? 'These are the server defaults (NSFW_REVIEW_AT and NSFW_BLOCK_AT); saving here overrides them.'
              : 'An admin has set these; they override the server defaults.'}
          </p>
        </div>
        <NsfwThresholdsForm blurAt={thresholds.blurAt} blockAt={thresholds.blockAt} action={saveNsfwThresholdsAction} />
      </section>
    </div>
  );
}
