ALTER TABLE `playbook_runs` ADD `alert_id` text;--> statement-breakpoint
ALTER TABLE `playbooks` ADD `updated_at` integer DEFAULT 0 NOT NULL;