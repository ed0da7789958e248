// @ts-check
/**
 * Stryker ignorer "message-text" for `npm run mutation` (ADR 143): mutants that change only
 * a log line or the wording of a Chinese message are not generated.
 *
 * Ignored (with every mutant inside them):
 * - a call to `console.*`, `log.*` or `logger.*` (a log line; nothing a user or a rule sees);
 * - a string or template literal containing Chinese text that is
 *   - the value of a `message`, `title`, `body`, `note` or `reason` property, or
 *   - an argument of `notFound`, `forbidden`, `conflict`, `unauthorized`, `requireActor`.
 *   These are the words of an error or notice; its status, code and field (the API's precise
 *   JSON) and whether it is raised at all stay mutated and tested.
 * Not ignored: a Chinese string returned or compared as a value (a rule returning its refusal
 * as a string, an import header that is matched) — emptying it changes behaviour.
 */
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
const LOGGERS = new Set(["console", "log", "logger"]);
const MESSAGE_KEYS = new Set(["message", "title", "body", "note", "reason"]);
const MESSAGE_CALLS = new Set(["notFound", "forbidden", "conflict", "unauthorized", "requireActor"]);

/** @param {any} node */
function chineseText(node) {
  if (node.type === "StringLiteral") return CJK.test(node.value);
  if (node.type === "TemplateLiteral") return node.quasis.some((/** @type {any} */ q) => CJK.test(q.value.cooked ?? q.value.raw));
  return false;
}

/** @param {any} node */
function keyName(node) {
  if (node.computed) return undefined;
  return node.key.type === "Identifier" ? node.key.name : node.key.type === "StringLiteral" ? node.key.value : undefined;
}

const messageText = {
  /** @param {any} path */
  shouldIgnore(path) {
    const node = path.node;
    if (node.type === "CallExpression" && node.callee.type === "MemberExpression" && node.callee.object.type === "Identifier" && LOGGERS.has(node.callee.object.name)) {
      return "log line (ADR 143)";
    }
    if (!chineseText(node)) return undefined;
    const parent = path.parent;
    if (parent.type === "ObjectProperty" && parent.value === node && MESSAGE_KEYS.has(keyName(parent))) return "message text (ADR 143)";
    if ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.arguments.includes(node) && parent.callee.type === "Identifier" && MESSAGE_CALLS.has(parent.callee.name)) {
      return "message text (ADR 143)";
    }
    return undefined;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, "message-text", messageText)];
