import type { z } from "zod";

type Issue = z.core.$ZodIssue;

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  return `a ${typeof value}`;
}

/** Zod's own message for a union none of whose options fit; a union given its own message (`{ error }`) keeps that. */
const ZOD_UNION_MESSAGE = "Invalid input";

/** Turns a zod issue into the plain words a maintainer reads after "field: ". */
export function describeZodIssue(issue: Issue, input?: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${expectedName(issue.expected)} (found ${kindOf(issue.input ?? input)})`;
    case "too_small":
      if (issue.origin === "string") return "must not be empty";
      if (issue.origin === "array") return `must list at least ${String(issue.minimum)} item${issue.minimum === 1 ? "" : "s"}`;
      return issue.message;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    case "invalid_union": {
      // "Invalid input" says nothing: name the shapes the field may have, and what it has.
      const expected =
        issue.message !== ZOD_UNION_MESSAGE
          ? issue.message
          : `must be ${[...new Set(issue.errors.flatMap((branch) => branch.flatMap((inner) => (inner.code === "invalid_type" && inner.path.length === 0 ? [expectedName(inner.expected)] : []))))].join(" or ") || "another kind of value"}`;
      return `${expected} (found ${kindOf(issue.input ?? input)})`;
    }
    default:
      return issue.message;
  }
}

/**
 * Every issue described, with its path. When a value fits a union's shape but
 * not its contents (`author: [{ name: X }]` is a list, of mappings), the
 * problem inside is reported at its own path rather than "must be a name or a list".
 */
export function describeZodIssues(issues: readonly Issue[]): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) => {
    if (issue.code === "invalid_union") {
      const inside = issue.errors.find((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
      if (inside) return describeZodIssues(inside.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    }
    return [{ path: issue.path, message: describeZodIssue(issue) }];
  });
}

function expectedName(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "array":
      return "a list";
    case "object":
      return "a mapping";
    case "boolean":
      return "true or false";
    default:
      return `a ${expected}`;
  }
}
