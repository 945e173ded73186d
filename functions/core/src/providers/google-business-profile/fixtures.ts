/**
 * Pub/Sub push bodies as Business Profile sends them (shared/docs/providers.md §6): the notification JSON is base64 in
 * `message.data`, and Pub/Sub writes both camelCase and snake_case envelope keys.
 * @module
 */
import { toBase64 } from "../../ids.ts";

export const SUBSCRIPTION = "projects/kaffebar-reviews/subscriptions/firebreak-push";
export const REVIEW_NAME = "accounts/114477889900/locations/9988776655/reviews/AIe9_BGx3kQvZ0tL8mN2";
export const LOCATION_NAME = "accounts/114477889900/locations/9988776655";

export function encodeData(value: unknown): string {
  return toBase64(new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value)));
}

export function pushBody(data: unknown, overrides: Record<string, unknown> = {}): string {
  const message = {
    attributes: { "x-goog-notification": "review", store: "Kaffebar Nørrebro ☕" },
    data: encodeData(data),
    messageId: "7310918372637129",
    message_id: "7310918372637129",
    publishTime: "2026-11-20T09:58:01.123456789Z",
    publish_time: "2026-11-20T09:58:01.123456789Z",
    ...overrides,
  };
  return JSON.stringify({ message, subscription: SUBSCRIPTION });
}

/** A new review, v4 key names. */
export const newReview = pushBody({ type: "NEW_REVIEW", locationName: LOCATION_NAME, reviewName: REVIEW_NAME });

/** An edited review, notification v1 snake_case keys, and only the snake_case envelope keys. */
export const updatedReviewSnakeCase = JSON.stringify({
  message: {
    data: encodeData({
      type: "UPDATED_REVIEW",
      location_name: "accounts/22/locations/Bäckerei-München",
      review_name: "accounts/22/locations/Bäckerei-München/reviews/r-42",
    }),
    message_id: 9001,
    publish_time: "2026-11-21T07:00:00Z",
  },
  subscription: SUBSCRIPTION,
});

/** The short `review`/`location` keys, no attributes and no publish time. */
export const shortKeysNoTime = JSON.stringify({
  message: {
    data: encodeData({ type: "NEW_REVIEW", location: LOCATION_NAME, review: `${LOCATION_NAME}/reviews/🍰-1` }),
    messageId: "m-3",
  },
});

/** A question notification: not feedback. */
export const newQuestion = pushBody({ type: "NEW_QUESTION", locationName: LOCATION_NAME, questionName: "q/1" });
