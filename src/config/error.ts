// A mistake in the config file, said where it is: file:line:column, the key, what was wrong and how to fix it.

/** 1-based, as editors count. */
export interface SourcePosition {
  line: number;
  column: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly position: SourcePosition,
    /** Where in the file, as a path (`images[1].max-size`); '' for the file as a whole. */
    readonly key: string,
    /** What was wrong, and what was expected. */
    readonly problem: string,
    /** What to write instead. */
    readonly fix: string,
  ) {
    super(`${file}:${position.line}:${position.column}: ${key ? `${key}: ` : ''}${problem}; ${fix}`);
    this.name = 'ConfigError';
  }
}
