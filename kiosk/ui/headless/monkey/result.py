"""What a soak run found: errors, screens visited, memory between visitors, and the verdict."""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass, field

HISTORY = 30  # actions shown when a run fails


@dataclass
class SoakResult:
    seed: int
    actions: int
    screens: set[str]  # every screen the app has
    visited: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)  # exceptions, raised or only logged
    history: deque[str] = field(default_factory=lambda: deque(maxlen=HISTORY))
    done: int = 0  # actions completed
    # Resident memory between visitors: (action, kB) after the warm-up, every VISITOR_EVERY
    # actions and at the end; the medians of the first and of the last third of them; and the
    # least-squares trend over all of them.
    rss_samples: list[tuple[int, int]] = field(default_factory=list)
    rss_warm_kb: int = 0
    rss_end_kb: int = 0
    rss_trend_mb: float = 0.0
    cpu_seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    cpu_by_kind: dict[str, float] = field(default_factory=dict)  # where the time went

    @property
    def growth_mb(self) -> float:
        return (self.rss_end_kb - self.rss_warm_kb) / 1024

    def failures(self, max_growth_mb: float | None) -> list[str]:
        found = list(self.errors)
        if self.done < self.actions:
            found.append(f"stopped after {self.done} of {self.actions} actions")
        if self.visited != self.screens:
            found.append(f"screens never visited: {sorted(self.screens - self.visited)}")
        # Both must hold: the thirds shrug off single wild readings, the trend catches a slow
        # steady rise that the middle of each third only partly shows.
        if max_growth_mb is not None and max(self.growth_mb, self.rss_trend_mb) > max_growth_mb:
            found.append(f"resident memory grew by {self.growth_mb:.1f} MB after the warm-up "
                         f"(last third of the readings against the first), trend "
                         f"{self.rss_trend_mb:+.1f} MB (allowed: {max_growth_mb:g} MB for both)")
        return found

    def summary(self) -> dict:
        return {"seed": self.seed, "actions": self.actions, "done": self.done,
                "screens": sorted(self.screens), "visited": sorted(self.visited),
                "errors": self.errors, "rss_warm_kb": self.rss_warm_kb,
                "rss_end_kb": self.rss_end_kb, "growth_mb": round(self.growth_mb, 2),
                "trend_mb": round(self.rss_trend_mb, 2),
                "rss_samples": self.rss_samples, "cpu_seconds": round(self.cpu_seconds, 1),
                "counts": self.counts,
                "cpu_by_kind": {k: round(v, 1) for k, v in self.cpu_by_kind.items()},
                "last_actions": list(self.history)}


def measure_growth(result: SoakResult) -> None:
    """Growth from the readings between visitors: the median of the last third of them
    against the median of the first third, and the least-squares trend over all of them (a
    run passes only if both are within the limit). The thirds keep one odd reading from
    deciding a run; the trend catches a slow steady rise that the thirds only partly show.
    """
    indices = [index for index, _kb in result.rss_samples]
    values = [kb for _index, kb in result.rss_samples]
    ends = max(1, len(values) // 3)
    result.rss_warm_kb = round(statistics.median(values[:ends]))
    result.rss_end_kb = round(statistics.median(values[-ends:]))
    if len(set(indices)) >= 2:
        slope = statistics.linear_regression(indices, values).slope
        result.rss_trend_mb = slope * (indices[-1] - indices[0]) / 1024
