/**
 * The one way to keep a value for the whole process: the Prisma client, the web
 * process's Redis handles, the search engine, caches. Kept on `globalThis`, so the
 * dev server's module reloads reuse the value instead of opening a second client or
 * connection.
 */
const store = globalThis as typeof globalThis & { __parkbridgeSingletons?: Map<string, unknown> };

/** The process's value named `name`, made by `create` the first time it is asked for. */
export function singleton<T>(name: string, create: () => T): T {
  const values = (store.__parkbridgeSingletons ??= new Map());
  if (!values.has(name)) values.set(name, create());
  return values.get(name) as T;
}
