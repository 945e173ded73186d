/**
 * Trustpilot webhook bodies written from the documented example (shared/docs/providers.md §5): batches of created
 * reviews in English and Danish, a sparse review, an edit, and deleted reviews, which Firebreak ignores.
 * @module
 */

const CONSUMER_LINK = "https://www.trustpilot.com/users/5f1b2c3d4e5f6a7b8c9d0e1f";

/** Two new reviews in one delivery: a British one-star with a title, a Danish five-star with emoji and tags. */
export const createdBatch = {
  events: [
    {
      eventName: "service-review-created",
      version: "1",
      eventData: {
        id: "6745a1c2f0e4b35c8d1e2f3a",
        language: "en-GB",
        title: "Parcel never arrived",
        text: "Ordered on the 2nd, still waiting. Support just sends the same template reply.",
        referenceId: "ORDER-1001",
        stars: 1,
        createdAt: "2026-11-19T08:12:03.000Z",
        isVerified: true,
        locationId: null,
        link: "https://www.trustpilot.com/reviews/6745a1c2f0e4b35c8d1e2f3a",
        consumer: { id: "5f1b2c3d4e5f6a7b8c9d0e1f", name: "Oliver P.", link: CONSUMER_LINK },
        tags: [
          { group: "Source", value: "invitation" },
          { group: "Topic", value: "delivery" },
        ],
      },
    },
    {
      eventName: "service-review-created",
      version: "1",
      eventData: {
        id: "6745a1c2f0e4b35c8d1e2f3b",
        language: "da-DK",
        title: "Hurtig levering 🚀",
        text: "Pakken kom dagen efter, og returneringen var nem. Tak! 😊",
        referenceId: "ORDER-1002",
        stars: 5,
        createdAt: "2026-11-19T09:30:00+01:00",
        isVerified: false,
        locationId: "loc_cph_01",
        link: "https://dk.trustpilot.com/reviews/6745a1c2f0e4b35c8d1e2f3b",
        consumer: { id: "5f1b2c3d4e5f6a7b8c9d0e20", name: "Mette K.", link: CONSUMER_LINK },
        tags: [{ group: "Source", value: "organic" }],
      },
    },
  ],
};

/** A German review with only the required fields: no title, tags, language, link or consumer. */
export const createdSparseGerman = {
  events: [
    {
      eventName: "service-review-created",
      version: "1",
      eventData: {
        id: "6745a1c2f0e4b35c8d1e2f3c",
        text: "Rücksendung dauerte drei Wochen – nicht gut.",
        stars: 2,
        createdAt: "2026-11-18T17:45:10.123Z",
      },
    },
  ],
};

/** The British reviewer edits their review after the parcel turns up. */
export const updated = {
  events: [
    {
      eventName: "service-review-updated",
      version: "1",
      eventData: {
        ...createdBatch.events[0]?.eventData,
        title: "Arrived in the end",
        text: "Turned up a week late, but support sorted a refund for shipping.",
        stars: 3,
        updatedAt: "2026-11-20T07:00:00.000Z",
      },
    },
  ],
};

/** A new review and a deleted one: only the new one is stored. */
export const createdAndDeleted = {
  events: [
    createdSparseGerman.events[0],
    { eventName: "service-review-deleted", version: "1", eventData: { id: "6745a1c2f0e4b35c8d1e2f00" } },
  ],
};

/** Only a deletion: nothing to store. */
export const deletedOnly = {
  events: [{ eventName: "service-review-deleted", version: "1", eventData: { id: "6745a1c2f0e4b35c8d1e2f00" } }],
};
