import { CheckImageForm } from '@/components/admin/check-image/CheckImageForm';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { checkImageAction } from './actions';

export const generateMetadata = adminTitle('Check an image');
export const dynamic = 'force-dynamic';

export default async function CheckImagePage() {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Check an image</h1>
        <p className="max-w-3xl text-sm text-zinc-400">
          Upload any image to learn whether it carries Kumori’s invisible watermark and, if so, which generation and user it came from. The
          watermark survives JPEG compression and resizing, but not cropping, rotation or heavy editing, so “not found” does not prove an
          image was made elsewhere. Each check is recorded in the audit log.
        </p>
      </div>
      <CheckImageForm action={checkImageAction} />
    </div>
  );
}
