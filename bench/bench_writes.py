"""The write tail (issue 17): an answer's p99 against its median at 4 and at 32
connections, on SQLite, with writers taking turns (``quiz/store/writers.py``) and without
(``QUIZ_WRITER_QUEUE=off``: SQLite's busy handler alone, as before). Two gunicorn servers
of the same code and settings, measured in alternating rounds in the same minutes.

Called by ``bench/run.py`` (``make bench``); ``--skip writes`` leaves it out.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from types import ModuleType
from typing import Any

VARIANTS = {"queue": {}, "busy handler alone": {"QUIZ_WRITER_QUEUE": "off"}}
CONNECTIONS = (4, 32)
ROUNDS = 3
TARGET_RATIO = 4.0  # p99 at most 4× the median


def write_tail(kit: ModuleType, workdir: Path, args: Any) -> dict[str, Any]:
    from contextlib import ExitStack

    seconds = max(3, args.seconds // 2)
    per_round = 450 * seconds  # more than a round can take at the fastest seen
    needed = per_round * len(CONNECTIONS) * ROUNDS + 500
    found: dict[str, dict[int, list[dict[str, Any]]]] = {
        v: {c: [] for c in CONNECTIONS} for v in VARIANTS
    }
    with ExitStack() as stack:
        servers, requests = {}, {}
        for n, (variant, env) in enumerate(VARIANTS.items()):
            folder = workdir / f"writes-{n}"
            folder.mkdir()
            servers[variant] = stack.enter_context(kit.Server(folder, args.workers, env=env))
            requests[variant] = kit.QuizRequests(servers[variant], 64, needed, args.seed + n)
        files = workdir / "writes-requests"
        files.mkdir()
        batch = iter(range(10**6))
        for variant, quiz in requests.items():  # warm-up
            path = kit.write_requests(files / f"warm-{next(batch)}.txt", quiz.take_posts(400))
            kit.wrk(servers[variant].base, path, 302, 2, 8, min(args.threads, 8))
        for r in range(ROUNDS):
            for connections in CONNECTIONS:
                for variant, quiz in requests.items():
                    path = kit.write_requests(
                        files / f"answers-{next(batch)}.txt", quiz.take_posts(per_round)
                    )
                    m = kit.wrk(
                        servers[variant].base,
                        path,
                        302,
                        seconds,
                        connections,
                        min(args.threads, connections),
                    )
                    found[variant][connections].append(m)
                    kit.log(
                        f"round {r + 1} {variant:20s} {connections:2d} connections "
                        f"{m['rps']:7.1f} answers/s  p50 {m['p50_ms']:6.1f} ms  "
                        f"p99 {m['p99_ms']:6.1f} ms  bad {m['bad']}"
                    )
    return {
        variant: {
            str(c): {
                "rps": round(statistics.median(m["rps"] for m in runs), 1),
                "p50_ms": round(statistics.median(m["p50_ms"] for m in runs), 2),
                "p99_ms": round(statistics.median(m["p99_ms"] for m in runs), 2),
                "bad": sum(m["bad"] for m in runs),
            }
            for c, runs in by_connections.items()
        }
        for variant, by_connections in found.items()
    }


def markdown(result: dict[str, Any], verdict: Any) -> list[str]:
    lines = [
        "The write tail: an answer's time on SQLite, writers taking turns against SQLite's "
        f"busy handler alone (median of {ROUNDS} alternating rounds):",
        "",
        "| writers | connections | answers/s | p50 | p99 | p99 ÷ p50 | target ≤ 4× | errors |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for variant, by_connections in result.items():
        for connections, m in by_connections.items():
            ratio = m["p99_ms"] / m["p50_ms"] if m["p50_ms"] else float("inf")
            lines.append(
                f"| {variant} | {connections} | {m['rps']:.0f} | {m['p50_ms']:.1f} ms | "
                f"{m['p99_ms']:.1f} ms | {ratio:.1f}× | "
                f"{verdict(ratio <= TARGET_RATIO) if variant == 'queue' else ''} | {m['bad']} |"
            )
    return [*lines, ""]
