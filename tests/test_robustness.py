"""The development plans coded as their copies: a PDF's page, a cut copy, one line, spacing.

Floors are the figures measured when each reading was added (``python tests/robustness.py``
prints them); a copy that leaves a plan's words as they are must code as the plan.
"""

import pytest
import robustness

# F1 of the copied development plans (non-table plans for the copies that move line
# breaks), measured with the coder that read them: a fall is caught.
FLOORS = {
    "printed on a 28-character page": 0.91,
    "cut every 40 characters": 0.905,
    "run onto one line": 0.89,
    "double-spaced": 0.925,
}
# Copies that change no word, line or name: the coding must not move (full-width
# punctuation turns the pinyin notes of a mirror site's copy into bracketed words).
UNCHANGED = ("indented", "spaces after lines", "half-width punctuation", "full-width punctuation")


@pytest.fixture(scope="module")
def results():
    return robustness.scores()


@pytest.mark.parametrize("copy", sorted(FLOORS))
def test_a_copy_codes_nearly_as_the_plan(results, copy):
    assert results[copy].copied[2] >= FLOORS[copy]


@pytest.mark.parametrize("copy", UNCHANGED)
def test_a_copy_that_changes_no_word_codes_as_the_plan(results, copy):
    assert results[copy].copied[2] == pytest.approx(results[copy].written[2], abs=0.002)


def test_every_copy_is_measured(results):
    assert set(results) == set(FLOORS) | set(UNCHANGED)
    assert all(result.plans >= 100 for result in results.values())
