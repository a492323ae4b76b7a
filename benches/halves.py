"""The split of the standard instances into a tuning half and a reporting half (issue 17).

Parameters are chosen on the tuning half only; the reporting half shows whether a change
generalises. Cordeau pr01-pr05 tune, pr06-pr10 report; in the Solomon sets (TOPTW and
VRPTW) an instance whose number is odd (c101, r103, rc205, ...) tunes and an even one
reports, so both halves hold every class.
"""


def half(name: str) -> str:
    """'tune' or 'report' for an instance name such as pr03, c101 or rc208."""
    digits = "".join(c for c in name if c.isdigit())
    if name.startswith("pr"):
        return "tune" if int(digits) <= 5 else "report"
    return "tune" if int(digits) % 2 == 1 else "report"
