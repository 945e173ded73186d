CREATE TABLE `enrichment_credentials` (
	`source_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`token_ciphertext` text NOT NULL,
	`token_hint` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`retry_at` integer,
	`last_run_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `feedback_items` ADD `enrichment_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD `enrichment_next_at` integer;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD `enrichment_error` text;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD `enrichment_unavailable_at` integer;--> statement-breakpoint
CREATE INDEX `feedback_items_enrichment_idx` ON `feedback_items` (`workspace_id`,`source_id`,`enrichment_next_at`) WHERE needs_enrichment = 1 AND enrichment_unavailable_at IS NULL;