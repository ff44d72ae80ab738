"""Time commands: start, stop, status, log, list, export. (Filled in by the API/CLI work.)"""


def register(subparsers) -> None:
    pass
