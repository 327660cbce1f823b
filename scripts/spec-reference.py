#!/usr/bin/env python3
"""Writes docs/spec-reference.md from the checker's JSON Schema (`edgeproof schema`): every key of edge.yaml with
its type, whether it is required or its default, the values it allows and what it is for, section by section,
each with the example spec's own section as an example where it has one.

Usage: spec-reference.py SCHEMA.json EXAMPLE.yaml OUTPUT.md   (OUTPUT '-' prints it)
"""
import json
import sys

import yaml

# Sections whose limits depend on the zone's plan, and where those limits are written down.
PLAN_LIMITS = {
    "waf": ("rules per zone, the `log` action, custom block responses and `matches` by plan", "Plan limits"),
    "rate_limits": ("rules per zone, periods, mitigation timeouts, characteristics and counting expressions by plan",
                    "Plan limits"),
    "cache": ("rules per zone, listed query-string parameters and the shortest edge TTL by plan", "Plan limits"),
    "managed_rules": ("the Cloudflare Managed Ruleset and the OWASP Core Ruleset need Pro or above",
                      "Managed rulesets"),
}


def kind(schema):
    """The value's type as a reader would say it."""
    if "enum" in schema:
        return "one of " + ", ".join("`%s`" % value for value in schema["enum"])
    if "oneOf" in schema:
        return " or ".join(kind(option) for option in schema["oneOf"])
    value = schema.get("type")
    if isinstance(value, list):
        return " or ".join(value)
    if value == "array":
        return "list of " + kind(schema.get("items", {}))
    if value == "object" and "additionalProperties" in schema and "properties" not in schema:
        return "mapping of name → " + kind(schema["additionalProperties"])
    if value == "object":
        return "mapping"
    if value == "string" and schema.get("pattern", "").startswith("^([0-9]+(ms|s|m|h|d|w))+$"):
        return "duration (`30s`, `5m`, `1h30m`)"
    return value or "any"


def allowed(schema):
    """Ranges, lengths and patterns, when the schema states them."""
    parts = []
    if "minimum" in schema or "maximum" in schema:
        parts.append("%s–%s" % (schema.get("minimum", "…"), schema.get("maximum", "…")))
    if "minLength" in schema or "maxLength" in schema:
        parts.append("%s to %s characters" % (schema.get("minLength", 0), schema.get("maxLength", "any")))
    if "minItems" in schema:
        parts.append("at least %d item%s" % (schema["minItems"], "" if schema["minItems"] == 1 else "s"))
    pattern = schema.get("pattern")
    if pattern and not pattern.startswith("^([0-9]+(ms|s|m|h|d|w))+$"):
        parts.append("`%s`" % pattern.replace("|", "\\|"))
    return "; ".join(parts)


def rows(schema, path, required, out):
    """One table row per key under `schema` (an object), nested objects and lists of objects flattened."""
    for key, child in schema.get("properties", {}).items():
        child_path = "%s.%s" % (path, key) if path else key
        status = "required" if key in required else (
            "default `%s`" % json.dumps(child["default"]) if "default" in child else "optional")
        description = child.get("description", "").replace("|", "\\|")
        out.append("| `%s` | %s | %s | %s | %s |" % (child_path, kind(child).replace("|", "\\|"), status,
                                                   allowed(child), description))
        descend(child, child_path, out)


def descend(schema, path, out):
    for option in schema.get("oneOf", []):
        if option.get("type") == "object":
            rows(option, path, option.get("required", []), out)
    if schema.get("type") == "object" and "properties" in schema:
        rows(schema, path, schema.get("required", []), out)
    elif schema.get("type") == "array" and schema.get("items", {}).get("type") == "object":
        rows(schema["items"], path + "[]", schema["items"].get("required", []), out)
    elif schema.get("type") == "object" and isinstance(schema.get("additionalProperties"), dict):
        value = schema["additionalProperties"]
        if value.get("type") == "object":
            rows(value, path + ".<name>", value.get("required", []), out)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    with open(sys.argv[2]) as f:
        example = yaml.safe_load(f)
    lines = [
        "# Spec reference",
        "",
        "Every key of `edge.yaml`, generated from the checker's own schema (`edgeproof schema`) by `make "
        "spec-reference` (`scripts/spec-reference.py`); `make test` fails when this page is stale. Paths use `[]` "
        "for the items of a list and `<name>` for the entries of a mapping of names. The example of each section "
        "is that section of `examples/agenticverz/edge.yaml`. Diagnostics are in `docs/diagnostics.md`.",
        "",
    ]
    required = schema.get("required", [])
    for key, section in schema["properties"].items():
        lines.append("## `%s`" % key)
        lines.append("")
        lines.append("%s%s" % (section.get("description", ""), " Required." if key in required else ""))
        if key in PLAN_LIMITS:
            lines.append("")
            lines.append("Plan limits: %s (`docs/cloudflare-semantics.md`, \"%s\")." % PLAN_LIMITS[key])
        lines.append("")
        lines.append("| key | type | required or default | allowed | what it is |")
        lines.append("|---|---|---|---|---|")
        status = "required" if key in required else (
            "default `%s`" % json.dumps(section["default"]) if "default" in section else "optional")
        lines.append("| `%s` | %s | %s | %s | %s |" % (key, kind(section).replace("|", "\\|"), status,
                                                    allowed(section), section.get("description", "")))
        body = []
        descend(section, key, body)
        lines.extend(body)
        if key in example:
            lines.append("")
            lines.append("```yaml")
            lines.append(yaml.safe_dump({key: example[key]}, sort_keys=False, width=1000,
                                        allow_unicode=True).rstrip())
            lines.append("```")
        lines.append("")
    text = "\n".join(lines)
    if sys.argv[3] == "-":
        sys.stdout.write(text)
    else:
        with open(sys.argv[3], "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
