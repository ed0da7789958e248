import { buildTemplateDatabase } from "./template-db";

export default function setup(): void {
  buildTemplateDatabase();
}
