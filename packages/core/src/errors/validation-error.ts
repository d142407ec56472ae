import { SkyvernError } from './skyvern-error.js';

/** Bad input, refused before any request was sent. `field` names the offending field (dotted path). */
export class ValidationError extends SkyvernError {
  override name = 'ValidationError';
  // `declare`: set in the constructor, so no empty field definition ships in every bundle.
  declare readonly field: string;

  constructor(field: string, problem: string, where?: string) {
    super(`${where ? `${where}: ` : ''}${field} ${problem}`);
    this.field = field;
  }
}
