DROP INDEX `touchpoints_key_idx`;--> statement-breakpoint
ALTER TABLE `touchpoints` ADD `based_on_touchpoint_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `touchpoints_key_idx` ON `touchpoints` (`workspace_id`,`key`);--> statement-breakpoint
ALTER TABLE `stages` ADD `based_on_stage_id` text;