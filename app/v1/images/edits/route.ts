import { postImagesEdits } from '@/server/api/openai/images-edits';

export const dynamic = 'force-dynamic';

export const POST = postImagesEdits;
