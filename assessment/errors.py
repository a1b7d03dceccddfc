"""Errors for bad input: each names the file and what is wrong, on one line."""

from __future__ import annotations

from pydantic import ValidationError


class InputError(ValueError):
    """Bad input from a user or a file. The message is one line, safe to show as-is."""

    def __init__(self, source: str, message: str, kind: str = "") -> None:
        self.source = source
        self.message = message
        # The class of problem ("not-json", "rubric-version", ...; see assessment.file_problems), "" if unclassified.
        self.kind = kind
        super().__init__(f"{source}: {message}" if source else message)


def key_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as `principles[2].questions[1].choices`."""
    out = ""
    for part in loc:
        if isinstance(part, str) and not part.isprintable():  # a line break in a key stays on one line
            part = part.encode("unicode_escape").decode("ascii")
        if isinstance(part, str) and len(part) > 60:  # a key from the file: name it, not print it whole
            part = f"{part[:40]}... ({len(part):,} characters)"
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe_validation_error(source: str, error: ValidationError) -> InputError:
    """Turn a pydantic ValidationError into one InputError listing every problem."""
    problems = []
    for item in error.errors():
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = item["msg"]
        if item["type"] == "extra_forbidden":
            msg = "unknown key"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        where = key_path(loc)
        problems.append(f"{where}: {msg}" if where else msg)
    return InputError(source, "; ".join(problems))
