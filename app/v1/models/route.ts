import { getOpenAiModels } from '@/server/api/openai/models';

export const dynamic = 'force-dynamic';

export const GET = getOpenAiModels;
