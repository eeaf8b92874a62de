import { postImagesGenerations } from '@/server/api/openai/images-generations';

export const dynamic = 'force-dynamic';

export const POST = postImagesGenerations;
