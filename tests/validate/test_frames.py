"""Arrow tables as validation frames: nullable integers, dates as date objects."""

import datetime as dt

import pyarrow as pa
import pytest

from pipeline.schema import CURATED_TABLES, RELEASE_TYPE
from pipeline.validate.frames import validation_frame, view_type


def test_every_curated_column_type_has_a_view_type():
    for spec in CURATED_TABLES.values():
        for column in spec.columns:
            assert view_type(column.type)
    assert view_type(RELEASE_TYPE) == "CategoricalDtypeType"
    with pytest.raises(ValueError, match="time64"):
        view_type(pa.time64("us"))


def test_frame_keeps_integers_integral_and_dates_as_dates():
    table = pa.table({"n": pa.array([1, None], pa.int32()),
                      "d": pa.array([dt.date(2015, 5, 1), None], pa.date32())})
    frame = validation_frame(table)
    assert str(frame["n"].dtype) == "Int32" and frame["n"].isna().tolist() == [False, True]
    assert frame["d"].tolist()[0] == dt.date(2015, 5, 1) and frame["d"].isna().tolist() == [False, True]
