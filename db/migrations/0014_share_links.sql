ALTER TABLE `share_links` ADD `label` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `share_links` ADD `failed_passwords` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `share_links` ADD `locked_until` integer;--> statement-breakpoint
ALTER TABLE `share_links` ADD `range_from` text;--> statement-breakpoint
ALTER TABLE `share_links` ADD `range_to` text;--> statement-breakpoint
CREATE INDEX `share_links_ws_created_idx` ON `share_links` (`workspace_id`,`created_at`);