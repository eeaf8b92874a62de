import { z } from 'zod';

export const SLUG_MAX = 40;

/** A slug names a style in requests (`style: "neon"`), the API and preview files: lowercase, digits and dashes. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const slugSchema = z
  .string({ message: 'Style must be the slug of a style, such as "neon".' })
  .trim()
  .toLowerCase()
  .max(SLUG_MAX, `A style slug is at most ${SLUG_MAX} characters.`)
  .regex(SLUG, 'A style slug uses lowercase letters, digits and dashes, such as "pop-art".');

/** The request's `style` field: a slug, or empty / "none" for no style (what the picker's "None" sends). */
export const styleFieldSchema = z
  .union([z.literal('').transform(() => undefined), z.literal('none').transform(() => undefined), slugSchema])
  .optional();
