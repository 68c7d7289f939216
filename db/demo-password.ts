/**
 * The demo accounts' password. It is published (README, the sign-in page on
 * this computer), so it signs in only from the computer Gambegam runs on
 * (decision 016): any installation reachable from elsewhere refuses it.
 */
export const DEMO_PASSWORD = "gambegam-demo";
