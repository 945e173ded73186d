CREATE TABLE `theme_models` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`backend` text DEFAULT 'local' NOT NULL,
	`model_id` text DEFAULT 'tfidf-stem-v1' NOT NULL,
	`idf` text NOT NULL,
	`unseen_idf` real NOT NULL,
	`threshold` real NOT NULL,
	`item_count` integer NOT NULL,
	`built_at` integer NOT NULL,
	`build_ms` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `workspaces` ADD `ai_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `themes` ADD `label_locked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `themes` ADD `phrases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `themes` ADD `languages` text DEFAULT '{}' NOT NULL;