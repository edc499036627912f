"""Properties of the page flow for any answers: forward and back are inverse, the way
through ends, and hidden answers never decide the triage."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amp.core.clearing.triage import suggest
from amp.io.clearing import read_document

SHIPPED = read_document()
Q = SHIPPED.questionnaire


@st.composite
def answers(draw: st.DrawFn) -> dict[str, tuple[str, ...]]:
    given_answers: dict[str, tuple[str, ...]] = {}
    for question in Q.questions:
        if question.kind == "text":
            if draw(st.booleans()):
                given_answers[question.id] = ("Text",)
            continue
        ids = [o.id for o in question.options]
        if question.kind == "choice":
            given_answers[question.id] = (draw(st.sampled_from(ids)),)
        else:
            chosen = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
            given_answers[question.id] = tuple(i for i in ids if i in chosen)
    return given_answers


@settings(max_examples=200, deadline=None)
@given(answers())
def test_forward_and_back_are_inverse_and_the_way_ends(
    given_answers: dict[str, tuple[str, ...]],
) -> None:
    visible = Q.visible(given_answers)
    current = visible[0]
    steps = 1
    while (following := Q.following(given_answers, current.id)) is not None:
        assert Q.previous(given_answers, following.id) == current
        current = following
        steps += 1
    assert steps == len(visible) <= len(Q.questions)


@settings(max_examples=200, deadline=None)
@given(answers())
def test_hidden_answers_never_decide(given_answers: dict[str, tuple[str, ...]]) -> None:
    effective = Q.effective(given_answers)
    assert set(effective) <= {q.id for q in Q.visible(given_answers)}
    assert suggest(SHIPPED.triage, effective) == suggest(SHIPPED.triage, Q.effective(effective))
    assert Q.missing(effective) == ()
