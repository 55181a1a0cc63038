"""The developer tool's two-fold runs vary only real settings (a typo must not silently measure
nothing)."""

from __future__ import annotations

import pytest

import bot.faq.matcher as matcher_module
import bot.understand.entry_model as entry_module
from tests.understand.care_tuning import MATCHER_SETTINGS, TRAINING_SETTINGS, two_fold


def test_the_settings_the_two_fold_runs_vary_are_numbers_of_the_matcher_and_entry_model() -> None:
    for name in TRAINING_SETTINGS:
        value = getattr(entry_module, name)
        assert isinstance(value, int | float) and not isinstance(value, bool), name
    for name in MATCHER_SETTINGS:
        assert isinstance(getattr(matcher_module, name), float), name


@pytest.mark.parametrize("setting", ["NO_SUCH_SETTING", "Kind", "OFF_TOPIC"])
def test_a_name_that_is_no_number_setting_is_refused_before_anything_is_trained(setting: str) -> None:
    with pytest.raises(SystemExit, match="is not a setting"):
        two_fold(setting, [0.5])
