CREATE TABLE "styles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"preview_path" text,
	"template" text DEFAULT '{prompt}' NOT NULL,
	"tokens" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"negative_prompt" text DEFAULT '' NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"effects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "styles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
-- The shipped styles (server/styles/shipped-styles.ts), inserted once: from here on admins own them.
INSERT INTO "styles" ("slug", "name", "description", "preview_path", "template", "tokens", "negative_prompt", "overrides", "effects", "position") VALUES
('neon', 'Neon', 'Electric colour and deep shadows, like a sign at night.', '/styles/neon.webp', '{prompt}, {tokens}', '["neon lights","glowing edges","synthwave","night"]'::jsonb, 'dull, washed out, daylight', '{}'::jsonb, '[{"kind":"enhance","saturation":2.4,"brightness":1.05},{"kind":"contrast","amount":1.5},{"kind":"sharpen","sigma":1},{"kind":"vignette","strength":0.65}]'::jsonb, 10),
('pastel', 'Pastel', 'Soft, light, chalky colours.', '/styles/pastel.webp', '{prompt}, {tokens}', '["pastel colours","soft light","gentle"]'::jsonb, 'harsh shadows, saturated', '{}'::jsonb, '[{"kind":"enhance","saturation":0.55,"brightness":1.2},{"kind":"contrast","amount":0.7},{"kind":"blur","sigma":0.6}]'::jsonb, 20),
('noir', 'Noir', 'Black and white, hard contrast and film grain.', '/styles/noir.webp', '{prompt}, {tokens}', '["film noir","monochrome","dramatic lighting"]'::jsonb, 'colourful', '{}'::jsonb, '[{"kind":"enhance","saturation":0,"brightness":1},{"kind":"contrast","amount":1.7},{"kind":"grain","amount":18}]'::jsonb, 30),
('vivid', 'Vivid', 'Punchy, saturated and crisp.', '/styles/vivid.webp', '{prompt}, {tokens}', '["vivid colours","high detail"]'::jsonb, 'dull, muted, blurry', '{"guidance":9}'::jsonb, '[{"kind":"enhance","saturation":1.8,"brightness":1},{"kind":"contrast","amount":1.25},{"kind":"sharpen","sigma":0.8}]'::jsonb, 40),
('film', 'Film', 'Faded colour, grain and a soft vignette, like an old print.', '/styles/film.webp', '{prompt}, {tokens}', '["35mm film","analog photo","faded"]'::jsonb, 'digital, oversharpened', '{}'::jsonb, '[{"kind":"enhance","saturation":0.8,"brightness":1.05},{"kind":"contrast","amount":0.9},{"kind":"grain","amount":12},{"kind":"vignette","strength":0.4}]'::jsonb, 50),
('pop-art', 'Pop art', 'Flat, loud colour in a few bold tones.', '/styles/pop-art.webp', '{prompt}, {tokens}', '["pop art","bold colours","comic print"]'::jsonb, 'photo, gradient', '{}'::jsonb, '[{"kind":"enhance","saturation":2.6,"brightness":1.05},{"kind":"contrast","amount":1.3},{"kind":"posterize","levels":3}]'::jsonb, 60),
('pixel', 'Pixel', 'Chunky pixels and a small palette, like an 8-bit game.', '/styles/pixel.webp', '{prompt}, {tokens}', '["pixel art","8-bit","retro game"]'::jsonb, 'smooth, blurry', '{"steps":16}'::jsonb, '[{"kind":"pixelate","size":8},{"kind":"posterize","levels":5},{"kind":"enhance","saturation":1.3,"brightness":1}]'::jsonb, 70),
('blueprint', 'Blueprint', 'White lines on engineering blue.', '/styles/blueprint.webp', '{prompt}, {tokens}', '["blueprint","technical drawing","schematic"]'::jsonb, 'colourful, photo', '{}'::jsonb, '[{"kind":"contrast","amount":1.4},{"kind":"duotone","shadow":"#0b3a8c","highlight":"#eaf2ff"},{"kind":"sharpen","sigma":1.2}]'::jsonb, 80),
('dream', 'Dream', 'A soft, glowing haze.', '/styles/dream.webp', '{prompt}, {tokens}', '["dreamy","ethereal","soft focus"]'::jsonb, 'harsh, gritty', '{}'::jsonb, '[{"kind":"blur","sigma":2},{"kind":"enhance","saturation":1.2,"brightness":1.15},{"kind":"vignette","strength":0.3}]'::jsonb, 90)
ON CONFLICT ("slug") DO NOTHING;
