CREATE TABLE `alert_evaluations` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`defaults_created_at` integer,
	`evaluated_at` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `alerts_open_condition_uq`;--> statement-breakpoint
ALTER TABLE `alerts` ADD `last_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `alerts` ADD `notified_value` real;--> statement-breakpoint
ALTER TABLE `alerts` ADD `notified_severity` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `notify_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `alerts` ADD `acknowledged_at` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `acknowledged_by` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `resolved_reason` text;--> statement-breakpoint
CREATE INDEX `alerts_ws_status_idx` ON `alerts` (`workspace_id`,`status`,`opened_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_condition_uq` ON `alerts` (`workspace_id`,`rule_id`,`condition_key`) WHERE status != 'resolved';--> statement-breakpoint
ALTER TABLE `feedback_items` ADD `handled_by` text;--> statement-breakpoint
ALTER TABLE `alert_rules` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `notified_at` integer;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `notify_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `closed_by` text;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `note` text;--> statement-breakpoint
CREATE INDEX `follow_ups_unnotified_idx` ON `follow_ups` (`created_at`) WHERE notified_at IS NULL AND status = 'open';