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
