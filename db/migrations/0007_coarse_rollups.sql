CREATE TABLE `journey_channel_days` (
	`workspace_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `journey_id`, `channel`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `journey_theme_days` (
	`workspace_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`theme_id` text NOT NULL,
	`day` text NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`negative_count` integer DEFAULT 0 NOT NULL,
	`friction_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `journey_id`, `day`, `theme_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `touchpoint_days` (
	`workspace_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`day` text NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`negative_count` integer DEFAULT 0 NOT NULL,
	`sentiment_sum` real DEFAULT 0 NOT NULL,
	`friction_sum` real DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`score_count` integer DEFAULT 0 NOT NULL,
	`detractor_count` integer DEFAULT 0 NOT NULL,
	`escalation_count` integer DEFAULT 0 NOT NULL,
	`repeat_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `touchpoint_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `touchpoint_theme_days` (
	`workspace_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`theme_id` text NOT NULL,
	`day` text NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`negative_count` integer DEFAULT 0 NOT NULL,
	`friction_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `touchpoint_id`, `theme_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `feedback_items_repeat_idx` ON `feedback_items` (`workspace_id`,`touchpoint_id`,`occurred_at`) WHERE repeat_of_item_id IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_coarse_insert AFTER INSERT ON daily_rollups
BEGIN
  INSERT INTO touchpoint_days (workspace_id, touchpoint_id, day, item_count, negative_count, sentiment_sum, friction_sum, score_sum, score_count, detractor_count, escalation_count, repeat_count)
  VALUES (NEW.workspace_id, NEW.touchpoint_id, NEW.day, NEW.item_count, NEW.negative_count, NEW.sentiment_sum, NEW.friction_sum, NEW.score_sum, NEW.score_count, NEW.detractor_count, NEW.escalation_count, NEW.repeat_count)
  ON CONFLICT (workspace_id, touchpoint_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, sentiment_sum = sentiment_sum + excluded.sentiment_sum, friction_sum = friction_sum + excluded.friction_sum, score_sum = score_sum + excluded.score_sum, score_count = score_count + excluded.score_count, detractor_count = detractor_count + excluded.detractor_count, escalation_count = escalation_count + excluded.escalation_count, repeat_count = repeat_count + excluded.repeat_count;
  INSERT INTO touchpoint_theme_days (workspace_id, touchpoint_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (NEW.workspace_id, NEW.touchpoint_id, NEW.theme_id, NEW.day, NEW.item_count, NEW.negative_count, NEW.friction_sum)
  ON CONFLICT (workspace_id, touchpoint_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_theme_days (workspace_id, journey_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (NEW.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = NEW.touchpoint_id), ''), NEW.theme_id, NEW.day, NEW.item_count, NEW.negative_count, NEW.friction_sum)
  ON CONFLICT (workspace_id, journey_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_channel_days (workspace_id, journey_id, channel, day, item_count)
  VALUES (NEW.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = NEW.touchpoint_id), ''), NEW.channel, NEW.day, NEW.item_count)
  ON CONFLICT (workspace_id, journey_id, channel, day) DO UPDATE SET item_count = item_count + excluded.item_count;
END;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_coarse_update AFTER UPDATE ON daily_rollups WHEN NOT (OLD.workspace_id IS NOT NEW.workspace_id OR OLD.day IS NOT NEW.day OR OLD.touchpoint_id IS NOT NEW.touchpoint_id OR OLD.theme_id IS NOT NEW.theme_id OR OLD.channel IS NOT NEW.channel)
BEGIN
  INSERT INTO touchpoint_days (workspace_id, touchpoint_id, day, item_count, negative_count, sentiment_sum, friction_sum, score_sum, score_count, detractor_count, escalation_count, repeat_count)
  VALUES (NEW.workspace_id, NEW.touchpoint_id, NEW.day, NEW.item_count - OLD.item_count, NEW.negative_count - OLD.negative_count, NEW.sentiment_sum - OLD.sentiment_sum, NEW.friction_sum - OLD.friction_sum, NEW.score_sum - OLD.score_sum, NEW.score_count - OLD.score_count, NEW.detractor_count - OLD.detractor_count, NEW.escalation_count - OLD.escalation_count, NEW.repeat_count - OLD.repeat_count)
  ON CONFLICT (workspace_id, touchpoint_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, sentiment_sum = sentiment_sum + excluded.sentiment_sum, friction_sum = friction_sum + excluded.friction_sum, score_sum = score_sum + excluded.score_sum, score_count = score_count + excluded.score_count, detractor_count = detractor_count + excluded.detractor_count, escalation_count = escalation_count + excluded.escalation_count, repeat_count = repeat_count + excluded.repeat_count;
  INSERT INTO touchpoint_theme_days (workspace_id, touchpoint_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (NEW.workspace_id, NEW.touchpoint_id, NEW.theme_id, NEW.day, NEW.item_count - OLD.item_count, NEW.negative_count - OLD.negative_count, NEW.friction_sum - OLD.friction_sum)
  ON CONFLICT (workspace_id, touchpoint_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_theme_days (workspace_id, journey_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (NEW.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = NEW.touchpoint_id), ''), NEW.theme_id, NEW.day, NEW.item_count - OLD.item_count, NEW.negative_count - OLD.negative_count, NEW.friction_sum - OLD.friction_sum)
  ON CONFLICT (workspace_id, journey_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_channel_days (workspace_id, journey_id, channel, day, item_count)
  VALUES (NEW.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = NEW.touchpoint_id), ''), NEW.channel, NEW.day, NEW.item_count - OLD.item_count)
  ON CONFLICT (workspace_id, journey_id, channel, day) DO UPDATE SET item_count = item_count + excluded.item_count;
END;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_coarse_rekey AFTER UPDATE ON daily_rollups WHEN OLD.workspace_id IS NOT NEW.workspace_id OR OLD.day IS NOT NEW.day OR OLD.touchpoint_id IS NOT NEW.touchpoint_id OR OLD.theme_id IS NOT NEW.theme_id OR OLD.channel IS NOT NEW.channel
BEGIN
  INSERT INTO touchpoint_days (workspace_id, touchpoint_id, day, item_count, negative_count, sentiment_sum, friction_sum, score_sum, score_count, detractor_count, escalation_count, repeat_count)
  VALUES (OLD.workspace_id, OLD.touchpoint_id, OLD.day, -OLD.item_count, -OLD.negative_count, -OLD.sentiment_sum, -OLD.friction_sum, -OLD.score_sum, -OLD.score_count, -OLD.detractor_count, -OLD.escalation_count, -OLD.repeat_count)
  ON CONFLICT (workspace_id, touchpoint_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, sentiment_sum = sentiment_sum + excluded.sentiment_sum, friction_sum = friction_sum + excluded.friction_sum, score_sum = score_sum + excluded.score_sum, score_count = score_count + excluded.score_count, detractor_count = detractor_count + excluded.detractor_count, escalation_count = escalation_count + excluded.escalation_count, repeat_count = repeat_count + excluded.repeat_count;
  INSERT INTO touchpoint_days (workspace_id, touchpoint_id, day, item_count, negative_count, sentiment_sum, friction_sum, score_sum, score_count, detractor_count, escalation_count, repeat_count)
  VALUES (NEW.workspace_id, NEW.touchpoint_id, NEW.day, NEW.item_count, NEW.negative_count, NEW.sentiment_sum, NEW.friction_sum, NEW.score_sum, NEW.score_count, NEW.detractor_count, NEW.escalation_count, NEW.repeat_count)
  ON CONFLICT (workspace_id, touchpoint_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, sentiment_sum = sentiment_sum + excluded.sentiment_sum, friction_sum = friction_sum + excluded.friction_sum, score_sum = score_sum + excluded.score_sum, score_count = score_count + excluded.score_count, detractor_count = detractor_count + excluded.detractor_count, escalation_count = escalation_count + excluded.escalation_count, repeat_count = repeat_count + excluded.repeat_count;
  INSERT INTO touchpoint_theme_days (workspace_id, touchpoint_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (OLD.workspace_id, OLD.touchpoint_id, OLD.theme_id, OLD.day, -OLD.item_count, -OLD.negative_count, -OLD.friction_sum)
  ON CONFLICT (workspace_id, touchpoint_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO touchpoint_theme_days (workspace_id, touchpoint_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (NEW.workspace_id, NEW.touchpoint_id, NEW.theme_id, NEW.day, NEW.item_count, NEW.negative_count, NEW.friction_sum)
  ON CONFLICT (workspace_id, touchpoint_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_theme_days (workspace_id, journey_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (OLD.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = OLD.touchpoint_id), ''), OLD.theme_id, OLD.day, -OLD.item_count, -OLD.negative_count, -OLD.friction_sum)
  ON CONFLICT (workspace_id, journey_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_theme_days (workspace_id, journey_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (NEW.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = NEW.touchpoint_id), ''), NEW.theme_id, NEW.day, NEW.item_count, NEW.negative_count, NEW.friction_sum)
  ON CONFLICT (workspace_id, journey_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_channel_days (workspace_id, journey_id, channel, day, item_count)
  VALUES (OLD.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = OLD.touchpoint_id), ''), OLD.channel, OLD.day, -OLD.item_count)
  ON CONFLICT (workspace_id, journey_id, channel, day) DO UPDATE SET item_count = item_count + excluded.item_count;
  INSERT INTO journey_channel_days (workspace_id, journey_id, channel, day, item_count)
  VALUES (NEW.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = NEW.touchpoint_id), ''), NEW.channel, NEW.day, NEW.item_count)
  ON CONFLICT (workspace_id, journey_id, channel, day) DO UPDATE SET item_count = item_count + excluded.item_count;
END;
--> statement-breakpoint
CREATE TRIGGER daily_rollups_coarse_delete AFTER DELETE ON daily_rollups
BEGIN
  INSERT INTO touchpoint_days (workspace_id, touchpoint_id, day, item_count, negative_count, sentiment_sum, friction_sum, score_sum, score_count, detractor_count, escalation_count, repeat_count)
  VALUES (OLD.workspace_id, OLD.touchpoint_id, OLD.day, -OLD.item_count, -OLD.negative_count, -OLD.sentiment_sum, -OLD.friction_sum, -OLD.score_sum, -OLD.score_count, -OLD.detractor_count, -OLD.escalation_count, -OLD.repeat_count)
  ON CONFLICT (workspace_id, touchpoint_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, sentiment_sum = sentiment_sum + excluded.sentiment_sum, friction_sum = friction_sum + excluded.friction_sum, score_sum = score_sum + excluded.score_sum, score_count = score_count + excluded.score_count, detractor_count = detractor_count + excluded.detractor_count, escalation_count = escalation_count + excluded.escalation_count, repeat_count = repeat_count + excluded.repeat_count;
  INSERT INTO touchpoint_theme_days (workspace_id, touchpoint_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (OLD.workspace_id, OLD.touchpoint_id, OLD.theme_id, OLD.day, -OLD.item_count, -OLD.negative_count, -OLD.friction_sum)
  ON CONFLICT (workspace_id, touchpoint_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_theme_days (workspace_id, journey_id, theme_id, day, item_count, negative_count, friction_sum)
  VALUES (OLD.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = OLD.touchpoint_id), ''), OLD.theme_id, OLD.day, -OLD.item_count, -OLD.negative_count, -OLD.friction_sum)
  ON CONFLICT (workspace_id, journey_id, theme_id, day) DO UPDATE SET item_count = item_count + excluded.item_count, negative_count = negative_count + excluded.negative_count, friction_sum = friction_sum + excluded.friction_sum;
  INSERT INTO journey_channel_days (workspace_id, journey_id, channel, day, item_count)
  VALUES (OLD.workspace_id, coalesce((SELECT journey_id FROM touchpoints WHERE id = OLD.touchpoint_id), ''), OLD.channel, OLD.day, -OLD.item_count)
  ON CONFLICT (workspace_id, journey_id, channel, day) DO UPDATE SET item_count = item_count + excluded.item_count;
END;
--> statement-breakpoint
INSERT INTO touchpoint_days (workspace_id, touchpoint_id, day, item_count, negative_count, sentiment_sum, friction_sum, score_sum, score_count, detractor_count, escalation_count, repeat_count)
SELECT r.workspace_id, r.touchpoint_id, r.day, sum(r.item_count), sum(r.negative_count), sum(r.sentiment_sum), sum(r.friction_sum), sum(r.score_sum), sum(r.score_count), sum(r.detractor_count), sum(r.escalation_count), sum(r.repeat_count)
FROM daily_rollups r GROUP BY r.workspace_id, r.touchpoint_id, r.day;
--> statement-breakpoint
INSERT INTO touchpoint_theme_days (workspace_id, touchpoint_id, theme_id, day, item_count, negative_count, friction_sum)
SELECT r.workspace_id, r.touchpoint_id, r.theme_id, r.day, sum(r.item_count), sum(r.negative_count), sum(r.friction_sum)
FROM daily_rollups r GROUP BY r.workspace_id, r.touchpoint_id, r.theme_id, r.day;
--> statement-breakpoint
INSERT INTO journey_theme_days (workspace_id, journey_id, theme_id, day, item_count, negative_count, friction_sum)
SELECT r.workspace_id, coalesce(t.journey_id, ''), r.theme_id, r.day, sum(r.item_count), sum(r.negative_count), sum(r.friction_sum)
FROM daily_rollups r LEFT JOIN touchpoints t ON t.id = r.touchpoint_id GROUP BY r.workspace_id, coalesce(t.journey_id, ''), r.theme_id, r.day;
--> statement-breakpoint
INSERT INTO journey_channel_days (workspace_id, journey_id, channel, day, item_count)
SELECT r.workspace_id, coalesce(t.journey_id, ''), r.channel, r.day, sum(r.item_count)
FROM daily_rollups r LEFT JOIN touchpoints t ON t.id = r.touchpoint_id GROUP BY r.workspace_id, coalesce(t.journey_id, ''), r.channel, r.day;
