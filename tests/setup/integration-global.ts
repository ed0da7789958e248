import type { TestProject } from "vitest/node";
import { buildTemplateDatabase } from "./template-db";
import { buildPgTemplate, dropRunDatabases, onPostgres } from "./template-pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PostgreSQL template database of this run (only with TEST_DATABASE=postgresql). */
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!onPostgres) return buildTemplateDatabase();
  project.provide("pgTemplate", await buildPgTemplate());
  return () => dropRunDatabases();
}
