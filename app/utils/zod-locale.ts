import { z } from "zod";

/**
 * Zod's own messages (a schema without a message of its own: a wrong type, an unknown
 * enum value in an API body) in Chinese, like every other message a person or API
 * client sees. Imported by the modules every form and body parser goes through.
 */
z.config(z.locales.zhCN());
