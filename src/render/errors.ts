/** @module render/errors — typed rendering errors with a stable code a chat handler can turn into a message. */

export type RenderErrorCode =
  | 'unfilled_placeholders'
  | 'unknown_template'
  | 'wrong_kind'
  | 'bad_logo'
  | 'bad_png'
  | 'bad_svg';

export class RenderError extends Error {
  constructor(
    readonly code: RenderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}
