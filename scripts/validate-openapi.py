"""Validates the OpenAPI document and checks it describes exactly the routes the server registers.

Usage: python3 scripts/validate-openapi.py [DOCUMENT] [ENDPOINTS]

DOCUMENT defaults to Sources/WebApp/Resources/openapi.yaml. ENDPOINTS, when given, is a text
file with one "METHOD /path" per line (path parameters in {braces}, as registered); blank lines
and lines starting with # are skipped. Every endpoint must be documented and every documented
operation must be an endpoint. Without ENDPOINTS only the document itself is validated (the
Swift test OpenAPIDocumentTests compares it with the router's endpoints).

Besides the OpenAPI 3.1 schema check it also requires each operation to have an operationId
(unique), tags, and a "Roles:" line in its description, and every $ref to resolve.
"""
import sys

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def documented_operations(document):
    operations = {}
    for path, item in (document.get("paths") or {}).items():
        for method in METHODS:
            if method in item:
                operations[f"{method.upper()} {path}"] = item[method]
    return operations


def read_endpoints(filename):
    endpoints = set()
    with open(filename, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) != 2 or not parts[1].startswith("/"):
                sys.exit(f"{filename}:{number}: expected 'METHOD /path', got {line!r}")
            endpoints.add(f"{parts[0].upper()} {parts[1]}")
    return endpoints


def unresolved_refs(node, document, where="#"):
    """Local $refs that name nothing in the document."""
    problems = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target = document
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    problems.append(f"{where}: $ref {ref} does not resolve")
                    break
                target = target[part]
        for key, value in node.items():
            problems += unresolved_refs(value, document, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            problems += unresolved_refs(value, document, f"{where}/{index}")
    return problems


def main(arguments):
    filename = arguments[0] if arguments else "Sources/WebApp/Resources/openapi.yaml"
    try:
        document, _ = read_from_filename(filename)
    except Exception as error:  # missing file or YAML that does not parse
        print(f"{filename}: cannot be read: {error}")
        return 1
    problems = []
    try:
        validate(document)
    except Exception as error:  # the validator raises its own error types, all with a message
        location = "/".join(map(str, getattr(error, "path", []) or []))
        message = getattr(error, "message", None) or str(error).split("\n\n")[0]
        problems.append(f"not a valid OpenAPI document: {message}" + (f" (at {location})" if location else ""))

    if not str(document.get("openapi", "")).startswith("3.1"):
        problems.append(f"openapi must be 3.1.x (got {document.get('openapi')!r})")
    problems += unresolved_refs(document, document)

    operations = documented_operations(document)
    seen_ids = {}
    for name, operation in sorted(operations.items()):
        operation_id = operation.get("operationId")
        if not operation_id:
            problems.append(f"{name}: no operationId")
        elif operation_id in seen_ids:
            problems.append(f"{name}: operationId {operation_id} is also used by {seen_ids[operation_id]}")
        else:
            seen_ids[operation_id] = name
        if not operation.get("tags"):
            problems.append(f"{name}: no tags")
        if "Roles:" not in (operation.get("description") or ""):
            problems.append(f"{name}: the description does not say which roles may call it ('Roles: ...')")

    if len(arguments) > 1:
        registered = read_endpoints(arguments[1])
        for name in sorted(registered - operations.keys()):
            problems.append(f"{name}: registered by the server but not documented")
        for name in sorted(operations.keys() - registered):
            problems.append(f"{name}: documented but not registered by the server")
        compared = f", compared with {len(registered)} registered endpoints"
    else:
        compared = " (no endpoint list given; routes not compared)"

    for problem in problems:
        print(f"{filename}: {problem}")
    print(f"openapi: {len(operations)} operations in {len(document.get('paths') or {})} paths{compared}, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
