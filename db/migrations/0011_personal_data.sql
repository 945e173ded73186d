CREATE TABLE `item_deliveries` (
	`item_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `delivery_id`),
	FOREIGN KEY (`item_id`) REFERENCES `feedback_items`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `feedback_items_customer_fk_idx` ON `feedback_items` (`customer_id`) WHERE customer_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `feedback_items_repeat_of_idx` ON `feedback_items` (`repeat_of_item_id`) WHERE repeat_of_item_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `item_revisions_item_fk_idx` ON `item_revisions` (`item_id`);--> statement-breakpoint
CREATE INDEX `deliveries_duplicate_idx` ON `deliveries` (`duplicate_of`) WHERE duplicate_of IS NOT NULL;