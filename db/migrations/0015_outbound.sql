CREATE TABLE `outbound_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`destination_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`outcome` text NOT NULL,
	`response_status` integer,
	`duration_ms` integer NOT NULL,
	`error` text,
	`next_attempt_at` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`delivery_id`) REFERENCES `outbound_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbound_attempts_idx` ON `outbound_attempts` (`workspace_id`,`destination_id`,`at`);--> statement-breakpoint
ALTER TABLE `destinations` ADD `target_hint` text;--> statement-breakpoint
CREATE INDEX `outbound_destination_idx` ON `outbound_deliveries` (`workspace_id`,`destination_id`,`created_at`);