ALTER TABLE `action_items` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `action_items` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `action_items_session_idx` ON `action_items` (`workspace_id`,`session_id`);--> statement-breakpoint
CREATE INDEX `action_items_owner_idx` ON `action_items` (`workspace_id`,`owner`,`status`);--> statement-breakpoint
ALTER TABLE `review_sessions` ADD `progress` text;--> statement-breakpoint
ALTER TABLE `review_sessions` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `review_sessions_ws_created_idx` ON `review_sessions` (`workspace_id`,`created_at`);