'use server';
import { z } from 'zod';
import { ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { listActiveStyles } from '@/server/styles/list-styles';

/** The styles the generator's Style control offers (components/generator/StylePicker.tsx loads them). */
export const listStylesAction = userAction(z.unknown(), async () => ok({ styles: await listActiveStyles() }));
