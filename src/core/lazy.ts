/**
 * A service of one connection that not every session needs (the files list): made the first time
 * it is asked for, then the same one, and disposed with the connection's other services.
 */
export class Lazy<T extends { dispose(): void }, Options> {
  private made: T | null = null;

  constructor(private readonly create: (options: Options) => T) {}

  /** The one made before, or one made now with `options` (later options are not applied to it). */
  get(options: Options): T {
    this.made ??= this.create(options);
    return this.made;
  }

  dispose(): void {
    this.made?.dispose();
    this.made = null;
  }
}
