/** @module Short complaints with planted recurring issues, shared by the theme tests in Node and in workerd. */

export const LATE = [
  "My parcel arrived five days late",
  "The parcel is late again and tracking shows nothing",
  "Parcel still not delivered, five days late now",
  "Late parcel, the courier never came",
  "Why is my parcel late? It was promised for Monday",
];
export const REFUND = [
  "Still no refund for my return after three weeks",
  "Where is my refund? I returned the jacket a month ago",
  "Refund not received although the return was accepted",
  "I am waiting for my refund, the return arrived at your warehouse",
];
export const DANISH_REFUND = [
  "Jeg har stadig ikke fået min refusion for returneringen",
  "Hvor bliver pengene af? Jeg returnerede jakken for en måned siden",
  "Ingen tilbagebetaling endnu, selvom returen er modtaget",
];
export const PASSWORD = [
  "Password reset email never arrives",
  "I cannot log in, the password reset link is broken",
  "The password reset page loops back to login",
  "Reset password does not work, still cannot log in",
];

/** Three issues reworded with shared words (what trigram embeddings can see), plus unrelated one-offs. */
export const SHARED_WORD_ISSUES: Record<string, string[]> = {
  late: [
    "My parcel arrived late again",
    "The parcel arrived three days late",
    "Parcel arrived late and the tracking was wrong",
    "Our parcel arrived a week late",
    "Again the parcel arrived late, very annoying",
    "The parcel arrived late for the second time",
    "parcel arrived late, nobody told us",
    "My parcel arrived two days late this time",
    "Parcel arrived late even with express shipping",
    "The parcel arrived late once more",
  ],
  refund: [
    "Still no refund for my returned order",
    "My refund has still not been paid back",
    "Refund still missing three weeks after the return",
    "Where is my refund? Still nothing",
    "The refund for the return is still not here",
    "Still waiting for the refund of my return",
    "No refund yet, the return was two weeks ago",
    "Refund still not received for the returned shoes",
    "I am still waiting on my refund",
    "Refund for my return still has not arrived",
  ],
  charged: [
    "I was charged twice for one order",
    "Charged twice on my card for the same order",
    "You charged me twice for a single order",
    "Double payment: charged twice for the order",
    "My card was charged twice for this order",
    "Charged twice again for one order, please fix",
    "The order was charged twice to my account",
    "Why was I charged twice for my order?",
    "Order charged twice, I want one payment back",
    "I got charged twice for order 4411",
  ],
};
