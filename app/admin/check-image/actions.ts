'use server';
import { z } from 'zod';
import { adminAction } from '@/server/auth/action';
import { checkUploadAsAdmin } from '@/server/provenance/check-image-as-admin';

const CHOOSE = 'Choose an image file to check.';

// A file input left empty still sends a File, of size 0.
const upload = z.object({ image: z.instanceof(File, { error: CHOOSE }).refine((file) => file.size > 0, CHOOSE) });

export const checkImageAction = adminAction(upload, async ({ image }, admin) => checkUploadAsAdmin(admin, image));
