ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
CREATE INDEX `audit_log_ws_action_time_idx` ON `audit_log` (`workspace_id`,`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_ws_actor_time_idx` ON `audit_log` (`workspace_id`,`actor`,`created_at`);