"""Where a YAML error is, as a line of the file a contributor opens."""
from __future__ import annotations

import yaml


def yaml_error(error: yaml.YAMLError, first_line: int) -> tuple[str, int]:
    """(what is wrong, file line), for YAML that starts on line `first_line` of its file (2 for front matter).

    The parser notices an unclosed bracket only where the text ends; the construct it was reading (its
    "context") starts where the contributor has to look, so that line wins when the parser gives it.
    """
    mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    what = getattr(error, "problem", None) or str(error)
    return what, (mark.line + first_line if mark is not None else first_line)
