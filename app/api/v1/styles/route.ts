import { apiRoute, reply } from '@/server/api/v1/handler';
import { describeStyles } from '@/server/api/v1/styles';

export const dynamic = 'force-dynamic';

/** The styles a generation may name, in the order the generator shows them. */
export const GET = apiRoute({ scope: 'read' }, async () => reply(await describeStyles()));
