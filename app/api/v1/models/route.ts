import { apiRoute, reply } from '@/server/api/v1/handler';
import { describeModels } from '@/server/api/v1/account';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ scope: 'read' }, async ({ caller }) => reply(await describeModels(caller)));
