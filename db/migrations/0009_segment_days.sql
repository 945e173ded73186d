CREATE TABLE `rollup_changed_days` (
	`workspace_id` text NOT NULL,
	`day` text NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `segment_day_builds` (
	`workspace_id` text NOT NULL,
	`segment_id` text NOT NULL,
	`day` text NOT NULL,
	`built_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `segment_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `segment_days` (
	`workspace_id` text NOT NULL,
	`segment_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`day` text NOT NULL,
	`theme_id` text NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`negative_count` integer DEFAULT 0 NOT NULL,
	`sentiment_sum` real DEFAULT 0 NOT NULL,
	`friction_sum` real DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`score_count` integer DEFAULT 0 NOT NULL,
	`detractor_count` integer DEFAULT 0 NOT NULL,
	`escalation_count` integer DEFAULT 0 NOT NULL,
	`repeat_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `segment_id`, `touchpoint_id`, `day`, `theme_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_changed_insert AFTER INSERT ON daily_rollups
BEGIN
  INSERT INTO rollup_changed_days (workspace_id, day, changed_at) VALUES (NEW.workspace_id, NEW.day, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  ON CONFLICT (workspace_id, day) DO UPDATE SET changed_at = max(changed_at, excluded.changed_at);
END;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_changed_update AFTER UPDATE ON daily_rollups
BEGIN
  INSERT INTO rollup_changed_days (workspace_id, day, changed_at)
  SELECT OLD.workspace_id, OLD.day, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE OLD.workspace_id IS NOT NEW.workspace_id OR OLD.day IS NOT NEW.day
  ON CONFLICT (workspace_id, day) DO UPDATE SET changed_at = max(changed_at, excluded.changed_at);
  INSERT INTO rollup_changed_days (workspace_id, day, changed_at) VALUES (NEW.workspace_id, NEW.day, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  ON CONFLICT (workspace_id, day) DO UPDATE SET changed_at = max(changed_at, excluded.changed_at);
END;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_changed_delete AFTER DELETE ON daily_rollups
BEGIN
  INSERT INTO rollup_changed_days (workspace_id, day, changed_at) VALUES (OLD.workspace_id, OLD.day, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  ON CONFLICT (workspace_id, day) DO UPDATE SET changed_at = max(changed_at, excluded.changed_at);
END;
--> statement-breakpoint
INSERT INTO rollup_changed_days (workspace_id, day, changed_at)
SELECT workspace_id, day, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM daily_rollups GROUP BY workspace_id, day;
