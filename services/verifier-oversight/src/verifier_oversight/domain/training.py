"""Training sessions and their exams (V, 事前: 培训及核查证发放; seed 000: 对中标的核查机构和相关核查人员进行专业培训，
对培训考核合格的核查人员发放碳排放核查工作证).

Rules that live here:
- the authority holds training sessions for compliance year Y; the verifiers who attend are those of agencies
  selected by tender for Y (and not blacklisted or suspended);
- an exam result (0..100) is recorded once per attendee and session; a verifier who failed may sit the exam of
  another session of the year;
- a verifier has passed the year's training when some session of Y records both its attendance and a score at least
  the year's pass mark (`passed_training`); the work certificate requires it (`certificates`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from ets_shared.errors import Conflict, RuleViolation

from .certificates import Verifier
from .policy import EXAM_MAX_SCORE, OversightPolicy


@dataclass(frozen=True)
class TrainingSession:
    training_id: str
    year: int
    title: str
    held_on: date
    attendees: tuple[str, ...] = ()
    results: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class TrainingPass:
    training_id: str
    score: int


def schedule_training(training_id: str, year: int, title: str, held_on: date) -> TrainingSession:
    if not title.strip():
        raise RuleViolation("a training session needs a title", field="title", article="V")
    if not year <= held_on.year <= year + 1:
        raise RuleViolation(f"training for {year} is held in {year} or {year + 1}", field="held_on", article="V")
    return TrainingSession(training_id, year, title.strip(), held_on)


def record_attendance(session: TrainingSession, verifiers: Iterable[Verifier],
                      agency_bars: Mapping[str, str | None]) -> TrainingSession:
    """Add attendees; `agency_bars` says, per agency of these verifiers, why it may not work in the session's year
    (None: selected by tender, filed, not blacklisted)."""
    added = list(session.attendees)
    for i, verifier in enumerate(verifiers):
        bar = agency_bars.get(verifier.agency_id)
        if bar is not None:
            raise RuleViolation(f"verifier {verifier.verifier_id}: {bar}", field=f"verifier_ids[{i}]", article="V")
        if verifier.verifier_id in added:
            raise Conflict(f"verifier {verifier.verifier_id} is already recorded as attending",
                           field=f"verifier_ids[{i}]", article="V")
        added.append(verifier.verifier_id)
    return replace(session, attendees=tuple(added))


def record_results(session: TrainingSession, results: Mapping[str, int]) -> TrainingSession:
    """Exam results of attendees, once each."""
    merged = dict(session.results)
    for verifier_id, score in results.items():
        if verifier_id not in session.attendees:
            raise RuleViolation(f"verifier {verifier_id} did not attend {session.training_id}",
                                field="results", article="V")
        if isinstance(score, bool) or not 0 <= score <= EXAM_MAX_SCORE:
            raise RuleViolation(f"an exam score is 0..{EXAM_MAX_SCORE}", field="results", article="V")
        if verifier_id in merged:
            raise Conflict(f"verifier {verifier_id} already has a result ({merged[verifier_id]}) in "
                           f"{session.training_id}", field="results", article="V")
        merged[verifier_id] = score
    return replace(session, results=MappingProxyType(merged))


def passed_training(verifier_id: str, year: int, sessions: Iterable[TrainingSession],
                    policy: OversightPolicy) -> TrainingPass | None:
    """The verifier's best passing result in a session of `year`, or None."""
    passes = [TrainingPass(s.training_id, s.results[verifier_id]) for s in sessions
              if s.year == year and verifier_id in s.attendees and verifier_id in s.results
              and s.results[verifier_id] >= policy.exam_pass_mark]
    return max(passes, key=lambda p: (p.score, p.training_id), default=None)


def training_bar(verifier_id: str, year: int, sessions: Iterable[TrainingSession], policy: OversightPolicy) -> str:
    """Why the verifier has not passed the year's training (for a refusal)."""
    sessions = [s for s in sessions if s.year == year and verifier_id in s.attendees]
    if not sessions:
        return f"verifier {verifier_id} attended no training session for {year}"
    scores = [s.results[verifier_id] for s in sessions if verifier_id in s.results]
    if not scores:
        return f"verifier {verifier_id} has no exam result for {year} yet"
    return f"verifier {verifier_id}'s best exam score {max(scores)} is below the pass mark {policy.exam_pass_mark}"
