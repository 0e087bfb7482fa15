// One cut for a layer's created_by wherever it is shown: the layer tables of the summary and the PR
// comment, the terminal's largest layers, and the hint messages that name a layer.

/** Long enough to tell two RUN steps apart, short enough for a table cell or a terminal line. */
export const CREATED_BY_MAX_CHARS = 80;

/**
 * `createdBy` cut to CREATED_BY_MAX_CHARS characters, with an ellipsis when it was cut. Counted in code
 * points, so a cut never splits a character in two (half of a surrogate pair would become U+FFFD).
 */
export function clipCreatedBy(createdBy: string): string {
  const characters = Array.from(createdBy);
  return characters.length > CREATED_BY_MAX_CHARS ? `${characters.slice(0, CREATED_BY_MAX_CHARS).join('')}…` : createdBy;
}
