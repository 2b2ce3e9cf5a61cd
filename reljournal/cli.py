"""The command line (placeholder until the commands land)."""


def main(argv: list[str] | None = None) -> int:
    return 0
