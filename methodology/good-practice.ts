/**
 * The `source` of a method item that is professional good practice rather
 * than a fact from the seed documents. Its own module so that pages can name
 * it without loading the pack schema.
 */
export const GOOD_PRACTICE_SOURCE = "good-practice";
