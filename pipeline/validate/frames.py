"""Arrow tables -> the pandas frames the expectations run on, and the type each column shows there.

The frame keeps every value as it will be published: integers as nullable pandas integers (never a
float with NaN), dates as `datetime.date` objects. Dates stay dates on purpose: Great Expectations
coerces an ISO-string bound ("2015-03-01") to a `datetime.date`, and a column of `date` objects is
the one representation it compares with such a bound without raising (datetime64 columns and ISO
string columns both raise inside GX 1.24). So date bounds are written as ISO strings and compared
date with date.
"""

from __future__ import annotations

import pyarrow as pa

# The name ExpectColumnValuesToBeOfType accepts for each Arrow type once the column is in pandas:
# GX compares the dtype's scalar type (np.int32 for a nullable Int32 too) or, for object columns,
# each value's type (dates are `date` objects, lists stay object).
_VIEW_TYPE_BY_ARROW_ID = {
    pa.int8().id: "int8",
    pa.int16().id: "int16",
    pa.int32().id: "int32",
    pa.int64().id: "int64",
    pa.float64().id: "float64",
    pa.string().id: "str",
    pa.date32().id: "date",
    pa.bool_().id: "bool",
}


def view_type(arrow_type: pa.DataType) -> str:
    """The type name an expectation checks for a column of `arrow_type` in the validation frame."""
    if pa.types.is_dictionary(arrow_type):
        return "CategoricalDtypeType"  # pandas category; GX names it by its scalar type
    if pa.types.is_list(arrow_type):
        return "object"
    try:
        return _VIEW_TYPE_BY_ARROW_ID[arrow_type.id]
    except KeyError:
        raise ValueError(f"no validation type declared for Arrow type {arrow_type}") from None


def _nullable_integers(arrow_type: pa.DataType):
    # imported here: 0.39 s measured, only a validation run needs it
    import pandas as pd

    if pa.types.is_integer(arrow_type):
        return {8: pd.Int8Dtype(), 16: pd.Int16Dtype(), 32: pd.Int32Dtype(), 64: pd.Int64Dtype()}[
            arrow_type.bit_width]
    return None


def validation_frame(table: pa.Table):
    """The table as a pandas DataFrame for Great Expectations (see the module doc)."""
    return table.to_pandas(types_mapper=_nullable_integers, date_as_object=True)
