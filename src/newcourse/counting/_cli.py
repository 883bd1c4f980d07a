"""`newcourse count FILE --method ...`: count a ballot file and print the report.

Exit codes: 0 counted; 2 bad input (a ballot file that cannot be read, an election that cannot
be counted as asked, a bad option), with one message on stderr naming the file, the line and
the problem; never a traceback.

The command imports only what its run needs (`json` for a JSON report, `threading` for a
progress bar on a terminal): members wait on a count, and every import is start-up time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from ._errors import CountingError
from ._io import FORMATS, guess_format
from ._methods import BUDGET_METHODS, METHOD_NAMES

TYPE_CHECKING = False  # not `typing`'s: importing typing is start-up time a count does not need
if TYPE_CHECKING:
    import threading
    from typing import IO


class ProgressBar:
    """A progress bar on stderr, shown only on a terminal and only once a second has passed.

    The counting code calls `update(phase, fraction)`, which only stores the values; a daemon
    thread draws them, so a count that finishes within a second prints nothing at all.
    """

    def __init__(self, stream: IO[str], *, delay: float = 1.0, width: int = 30) -> None:
        self.stream = stream
        self.delay = delay
        self.width = width
        self.phase = "reading"
        self.fraction = 0.0
        self._start = time.monotonic()
        self._drawn = False
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            import threading  # noqa: PLC0415 - only a terminal shows a bar

            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, args=(self._stop,), daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None and self._thread is not None:
            self._stop.set()
            self._thread.join()
        if self._drawn:
            self.stream.write("\r" + " " * (self.width + 40) + "\r")
            self.stream.flush()

    def update(self, phase: str, fraction: float) -> None:
        self.phase = phase
        self.fraction = fraction

    def _run(self, stop: threading.Event) -> None:
        if stop.wait(self.delay):
            return
        while not stop.is_set():
            self._draw()
            stop.wait(0.1)

    def _draw(self) -> None:
        done = int(self.width * max(0.0, min(1.0, self.fraction)))
        bar = "#" * done + "-" * (self.width - done)
        elapsed = time.monotonic() - self._start
        self.stream.write(f"\r[{bar}] {self.fraction:4.0%} {self.phase} {elapsed:5.1f}s")
        self.stream.flush()
        self._drawn = True


def _checking_formatter(prog: str) -> argparse.HelpFormatter:
    """The formatter argparse makes to check each option as it is added. Its width is fixed:
    asking the terminal's imports `shutil` and its compression modules, start-up time that a
    count which prints no help does not need."""
    return argparse.HelpFormatter(prog, width=80)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newcourse count",
        description="Count a ballot file (BLT, CSV or JSON) and print the stage-by-stage report, "
        "or a participatory budget (Pabulib .pb) and print which projects are funded and why.",
        formatter_class=_checking_formatter,
    )
    parser.add_argument("file", help="the ballot file (.blt, .csv, .json or .pb; BLT otherwise)")
    parser.add_argument(
        "--method",
        "-m",
        choices=(*METHOD_NAMES, *BUDGET_METHODS),
        metavar="METHOD",
        help=f"the counting method: {', '.join(METHOD_NAMES)}; for a participatory budget "
        f"(.pb), {', '.join(BUDGET_METHODS)} (default: the rule the file states)",
    )
    parser.add_argument(
        "--seats", type=int, default=None, help="seats to fill (default: as the file says)"
    )
    parser.add_argument(
        "--format", "-f", choices=("text", "json", "csv"), default="text", help="report format"
    )
    parser.add_argument(
        "--seed",
        default=None,
        help="seed for any lot (default: derived from the ballots, and printed in the report)",
    )
    parser.add_argument(
        "--board-head",
        default=None,
        metavar="HEX",
        help="a verifiable election's final board hash: derive the seed from it and the ballots, "
        "as the server does",
    )
    parser.add_argument(
        "--input-format",
        choices=FORMATS,
        default=None,
        help="ballot file format (default: by extension)",
    )
    parser.formatter_class = argparse.HelpFormatter  # help and usage fit the terminal
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `newcourse count`; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as e:  # argparse has printed its usage message
        return int(e.code) if isinstance(e.code, int) else 2
    if args.seats is not None and args.seats < 1:
        print(
            f"newcourse count: error: --seats must be at least 1, not {args.seats}", file=sys.stderr
        )
        return 2
    fmt = args.input_format or guess_format(args.file)
    if fmt == "pb":
        return _main_budget(args)
    if args.method is None:
        print(
            "newcourse count: error: the following arguments are required: --method",
            file=sys.stderr,
        )
        return 2
    from ._count import count  # noqa: PLC0415 - a budget count (above) needs none of these
    from ._io import read_ballots  # noqa: PLC0415
    from ._render import report_to_csv, report_to_json, report_to_text  # noqa: PLC0415

    try:
        with ProgressBar(sys.stderr) as bar:
            election = read_ballots(args.file, args.input_format)
            bar.update("counting", 0.0)
            report = count(
                election,
                args.method,
                seats=args.seats,
                seed=args.seed,
                board_head=args.board_head,
                progress=bar.update,
            )
            bar.update("writing", 1.0)
            if args.format == "json":
                import json  # noqa: PLC0415 - only a JSON report needs it

                out = json.dumps(report_to_json(report), ensure_ascii=False, indent=1) + "\n"
            elif args.format == "csv":
                out = report_to_csv(report)
            else:
                out = report_to_text(report)
    except CountingError as e:
        return _refused(args.file, e)
    except (OSError, UnicodeError, ValueError) as e:
        print(f"newcourse count: error: {args.file}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newcourse count: interrupted", file=sys.stderr)
        return 130
    sys.stdout.write(out)
    sys.stdout.flush()
    return 0


def _refused(file: str, error: CountingError) -> int:
    """A count refused: its reason on standard error, naming the file once, and exit 2."""
    text = str(error)
    if file not in text:
        text = f"{file}: {text}"
    print(f"newcourse count: error: {text}", file=sys.stderr)
    return 2


def _main_budget(args: argparse.Namespace) -> int:
    """Count a participatory budget (`.pb`): by `--method`, or the rule the file states."""
    from ._budget import count_budget  # noqa: PLC0415 - only a budget count needs it
    from ._budget_report import budget_to_csv, budget_to_json, budget_to_text  # noqa: PLC0415
    from ._io import check_size  # noqa: PLC0415
    from ._pabulib import read_pabulib  # noqa: PLC0415

    for option in ("seats", "seed", "board_head"):
        if getattr(args, option) is not None:
            flag = "--" + option.replace("_", "-")
            print(
                f"newcourse count: error: {flag} does not apply to a participatory budget",
                file=sys.stderr,
            )
            return 2
    if args.method is not None and args.method not in BUDGET_METHODS:
        print(
            f"newcourse count: error: {args.method} counts candidates, not projects; a "
            f"participatory budget is counted by one of: {', '.join(BUDGET_METHODS)}",
            file=sys.stderr,
        )
        return 2
    try:
        check_size(args.file)
        vote = read_pabulib(args.file)
        result = count_budget(vote, args.method)
        if args.format == "json":
            import json  # noqa: PLC0415 - only a JSON report needs it

            out = json.dumps(budget_to_json(result), ensure_ascii=False, indent=1) + "\n"
        elif args.format == "csv":
            out = budget_to_csv(result)
        else:
            out = budget_to_text(result)
    except CountingError as e:
        return _refused(args.file, e)
    except KeyboardInterrupt:
        print("newcourse count: interrupted", file=sys.stderr)
        return 130
    sys.stdout.write(out)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
