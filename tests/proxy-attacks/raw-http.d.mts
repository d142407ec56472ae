/** What a raw HTTP exchange gave: the status (0 if none), the whole text, and whether the server closed it. */
export interface RawAnswer {
  status: number;
  text: string;
  closed: boolean;
}
export interface RawOptions {
  waitMs?: number;
  untilComplete?: boolean;
}
export function raw(port: number, text: string, options?: RawOptions): Promise<RawAnswer>;
export function rawGet(port: number, path: string, headers?: string[], options?: RawOptions): Promise<RawAnswer>;
export function leave(
  port: number,
  path: string,
  options?: { until?: Promise<unknown>; reset?: boolean; request?: string },
): Promise<void>;
