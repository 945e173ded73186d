PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_daily_rollups` (
	`workspace_id` text NOT NULL,
	`day` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`theme_id` text NOT NULL,
	`source_id` text NOT NULL,
	`channel` text DEFAULT '' NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`negative_count` integer DEFAULT 0 NOT NULL,
	`sentiment_sum` real DEFAULT 0 NOT NULL,
	`friction_sum` real DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`score_count` integer DEFAULT 0 NOT NULL,
	`detractor_count` integer DEFAULT 0 NOT NULL,
	`escalation_count` integer DEFAULT 0 NOT NULL,
	`repeat_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `day`, `touchpoint_id`, `theme_id`, `source_id`, `channel`, `language`)
);
--> statement-breakpoint
-- Rollups are derived data: rebuilt from the items with their channel and language, using the same rules as
-- contributionOf() in db/src/rows.ts (scale bounds and low-score maxima from functions/core/src/model.ts).
INSERT INTO `__new_daily_rollups` ("workspace_id", "day", "touchpoint_id", "theme_id", "source_id", "channel", "language", "item_count", "negative_count", "sentiment_sum", "friction_sum", "score_sum", "score_count", "detractor_count", "escalation_count", "repeat_count")
SELECT workspace_id, day, touchpoint_id, theme_id, source_id, channel, language,
  count(*), sum(negative), sum(sentiment), sum(friction), coalesce(sum(normalized), 0), count(normalized),
  sum(detractor), sum(escalated), sum(repeat)
FROM (
  SELECT workspace_id, strftime('%Y-%m-%d', occurred_at / 1000, 'unixepoch') AS day,
    coalesce(touchpoint_id, '') AS touchpoint_id, coalesce(theme_id, '') AS theme_id, source_id, channel, language,
    sentiment_label = 'negative' AS negative, coalesce(sentiment, 0) AS sentiment, coalesce(friction, 0) AS friction,
    CASE WHEN score IS NULL OR lo IS NULL OR hi <= lo THEN NULL ELSE min(1.0, max(0.0, (score - lo) * 1.0 / (hi - lo))) END AS normalized,
    coalesce(score <= CASE scale WHEN 'nps' THEN 6 WHEN 'csat5' THEN 2 WHEN 'stars5' THEN 2 WHEN 'csat3' THEN 1 WHEN 'ces7' THEN 3 WHEN 'thumbs' THEN 0 END, 0) AS detractor,
    json_array_length(escalations) > 0 AS escalated, repeat_of_item_id IS NOT NULL AS repeat
  FROM (
    SELECT *,
      CASE scale WHEN 'nps' THEN 0 WHEN 'csat5' THEN 1 WHEN 'csat3' THEN 1 WHEN 'stars5' THEN 1 WHEN 'ces7' THEN 1 WHEN 'thumbs' THEN 0 WHEN 'custom' THEN scale_min END AS lo,
      CASE scale WHEN 'nps' THEN 10 WHEN 'csat5' THEN 5 WHEN 'csat3' THEN 3 WHEN 'stars5' THEN 5 WHEN 'ces7' THEN 7 WHEN 'thumbs' THEN 1 WHEN 'custom' THEN scale_max END AS hi
    FROM feedback_items
  )
)
GROUP BY workspace_id, day, touchpoint_id, theme_id, source_id, channel, language;--> statement-breakpoint
DROP TABLE `daily_rollups`;--> statement-breakpoint
ALTER TABLE `__new_daily_rollups` RENAME TO `daily_rollups`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `daily_rollups_touchpoint_idx` ON `daily_rollups` (`workspace_id`,`touchpoint_id`,`day`);