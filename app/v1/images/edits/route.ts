import { notImplementedRoute } from '@/server/api/openai/unsupported';

export const dynamic = 'force-dynamic';

// Image edits arrive with the editing issue; until then a clear 501 in OpenAI's error shape.
export const POST = notImplementedRoute('Image editing (/v1/images/edits)');
