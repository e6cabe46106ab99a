#!/usr/bin/env python3
"""Lists Swift functions longer than a limit, so long bodies are split or explained.

Prints `file:line name length` for every function, initialiser, computed property or
closure-valued `let`/`var` whose body runs past the limit (80 lines by default), counted from
the line of its declaration to the line of its closing brace.

A function is accepted when the line directly above its declaration (above any attributes
and doc comments) is a `// Long because: <reason>` comment; accepted ones are printed with
their reason. The exit status is 1 when any long function has no reason, 0 otherwise.

Usage: scripts/long-functions.py [--limit N] [--all] [paths...]
  paths default to all of Sources/.
  --all prints accepted functions too (they are counted either way).

The scan is a heuristic, not a Swift parser: it strips comments and string literals (with
interpolation, multi-line and raw strings), then matches braces. It is good enough for this
code base's style; a declaration it misreads shows up as an odd name, not a silent miss.
"""

import os
import re
import sys

LIMIT = 80
REASON = re.compile(r"^\s*//\s*Long because:\s*(\S.*)$")
DECLARATION = re.compile(
    r"""(?x)
    (?:^|[\s;{}])
    (?:
        func\s+(?P<func>[^\s(<]+)
      | (?P<init>\binit)[?!]?\s*(?=[(<])
      | (?P<deinit>\bdeinit)\b
      | \b(?:var|let)\s+(?P<var>[A-Za-z_][A-Za-z0-9_]*)
      | \bsubscript\b(?P<subscript>)
    )"""
)
ATTRIBUTE_OR_DOC = re.compile(r"^\s*(@\w|///|/\*\*|\*)")
DEFAULT_SKIP: set[str] = set()


def blank_strings_and_comments(text):
    """Returns text of the same length and line structure, with comments and the contents of
    string literals replaced by spaces, so braces inside them are not counted."""
    out = list(text)
    i, n = 0, len(text)
    # Each open string: (closing delimiter, hash count); interpolation pushes a brace counter.
    stack = []  # entries: ("string", delimiter, hashes) or ("interp", depth)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        top = stack[-1] if stack else None
        if top is None or top[0] == "interp":
            c = text[i]
            if text.startswith("//", i):
                end = text.find("\n", i)
                end = n if end == -1 else end
                blank(i, end)
                i = end
                continue
            if text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif text.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                blank(i, j)
                i = j
                continue
            m = re.match(r'(#*)("""|")', text[i:])
            if m and (m.group(1) == "" or text[i] == "#"):
                hashes = len(m.group(1))
                stack.append(("string", m.group(2), hashes))
                i += m.end()
                continue
            # Inside `\( ... )`, count parentheses to find the one that ends it.
            if top is not None and c == "(":
                stack[-1] = ("interp", top[1] + 1)
            elif top is not None and c == ")":
                if top[1] == 0:
                    stack.pop()
                    out[i] = " "  # blanked like the `\\(` that opened it
                    i += 1
                    continue
                stack[-1] = ("interp", top[1] - 1)
            i += 1
            continue
        # Inside a string literal.
        _, delimiter, hashes = top
        closing = delimiter + "#" * hashes
        if text.startswith(closing, i):
            stack.pop()
            i += len(closing)
            continue
        escape = "\\" + "#" * hashes
        if text.startswith(escape + "(", i):
            blank(i, i + len(escape) + 1)
            i += len(escape) + 1
            stack.append(("interp", 0))
            continue
        if text.startswith(escape, i):
            blank(i, i + len(escape) + 1)
            i += len(escape) + 1
            continue
        if text[i] == "\n" and delimiter == '"':
            stack.pop()  # unterminated single-line string: recover at the line end
            i += 1
            continue
        blank(i, i + 1)
        i += 1
    return "".join(out)


def matching_brace(code, start):
    depth = 0
    for k in range(start, len(code)):
        c = code[k]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k
    return -1


def body_start(code, after):
    """Index of the `{` opening the body of a declaration found at `after`, or -1 for a
    declaration without a body (protocol requirement, stored property)."""
    depth = 0
    k = after
    while k < len(code):
        c = code[k]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            if c == "{":
                return k
            if c == "\n":
                # A declaration continues on the next line only while a bracket is open or the
                # next line carries on its signature (`->`, `where`, `throws`, `=`, `.`).
                rest = code[k + 1:].lstrip(" \t")
                line_end = code.rfind("\n", 0, k)
                this_line = code[line_end + 1:k].rstrip()
                continues = rest.startswith(("->", "where", "throws", "async", "rethrows", "=", ".", "{")) or \
                    this_line.endswith((",", "->", "=", "(", "in"))
                if not continues:
                    return -1
            elif c == ";":
                return -1
        k += 1
    return -1


def reason_for(lines, decl_line):
    """The `// Long because:` reason directly above a declaration, skipping its attributes and
    doc comment; None when there is none."""
    k = decl_line - 2  # 0-based index of the line above
    while k >= 0 and ATTRIBUTE_OR_DOC.match(lines[k]):
        k -= 1
    if k >= 0:
        m = REASON.match(lines[k])
        if m:
            return m.group(1).strip()
    return None


def scan(path, limit):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    code = blank_strings_and_comments(text)
    lines = text.split("\n")
    found = []
    seen_bodies = set()
    for m in DECLARATION.finditer(code):
        kind = next(k for k in ("func", "init", "deinit", "var", "subscript") if m.group(k) is not None)
        name = {"func": m.group("func"), "init": "init", "deinit": "deinit", "var": m.group("var"), "subscript": "subscript"}[kind]
        open_at = body_start(code, m.end())
        if open_at == -1 or open_at in seen_bodies:
            continue
        # `let x = value` with no closure body within its own statement is not a function.
        if kind == "var":
            between = code[m.end():open_at]
            if "\n" in between.strip("\n") and not between.rstrip().endswith(("=", "in")):
                continue
        close_at = matching_brace(code, open_at)
        if close_at == -1:
            continue
        seen_bodies.add(open_at)
        decl_index = m.start() + (0 if code[m.start()] not in " \t\n;{}" else 1)
        first = code.count("\n", 0, decl_index) + 1
        last = code.count("\n", 0, close_at) + 1
        length = last - first + 1
        if length > limit:
            found.append((first, name, length, reason_for(lines, first)))
    return found


def swift_files(paths):
    for root in paths:
        if os.path.isfile(root):
            yield root
            continue
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if os.path.join(directory, d) not in DEFAULT_SKIP)
            for name in sorted(files):
                if name.endswith(".swift"):
                    yield os.path.join(directory, name)


def main(argv):
    limit, show_all, paths = LIMIT, False, []
    args = iter(argv)
    for arg in args:
        if arg == "--limit":
            limit = int(next(args))
        elif arg == "--all":
            show_all = True
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            paths.append(arg)
    if not paths:
        paths = ["Sources"]
    unexplained = accepted = 0
    for path in swift_files(paths):
        for line, name, length, reason in scan(path, limit):
            if reason is None:
                unexplained += 1
                print(f"{path}:{line} {name} {length}")
            else:
                accepted += 1
                if show_all:
                    print(f"{path}:{line} {name} {length} (long because: {reason})")
    print(f"{unexplained} unexplained and {accepted} explained functions over {limit} lines", file=sys.stderr)
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
