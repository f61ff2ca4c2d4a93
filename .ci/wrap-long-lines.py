"""Wraps generated C# lines longer than 120 characters: between arguments (after ", ", else after "("),
comments between words; continuations are indented four more. Used by .ci/codegen on Wolverine's generated
handler adapters."""
import sys

LIMIT = 120


def wrap(line):
    out = []
    indent = len(line) - len(line.lstrip())
    comment = line.lstrip().startswith("//")
    while len(line) > LIMIT:
        if comment:
            cut = line.rfind(" ", indent + 3, LIMIT)
            if cut < 0:
                break
            out.append(line[:cut])
            line = " " * indent + "// " + line[cut + 1:]
            continue
        cut = line.rfind(", ", indent + 1, LIMIT - 1)
        if cut >= 0:
            out.append(line[:cut + 1])
            line = " " * (indent + 4) + line[cut + 2:]
            continue
        cut = line.rfind("(", indent + 1, LIMIT)
        if cut < 0:
            break
        out.append(line[:cut + 1])
        line = " " * (indent + 4) + line[cut + 1:]
    out.append(line)
    return out


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(part for line in lines for part in wrap(line)))
