import { uploadRoute } from '@/server/api/v1/uploads';

export const dynamic = 'force-dynamic';

export const POST = uploadRoute();
