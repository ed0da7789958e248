/** `npm run bench`: each benchmark prints its own figures. */
await import("./roster-import");
