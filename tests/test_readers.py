"""Analysts' tools read every curated table with the declared types."""

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from pipeline.flow import process_release
from pipeline.schema import CURATED_TABLES


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    import shutil

    from support import SAMPLE_RELEASE

    root = tmp_path_factory.mktemp("readers")
    for release_id in ("2015-16-q2", "2015-16-q2-copy"):
        shutil.copytree(SAMPLE_RELEASE, root / "raw" / release_id)
    for folder in sorted((root / "raw").iterdir()):
        assert process_release(folder, root / "staged", root / "curated").ok
    return root / "curated"


TABLES = ["activities", "deliverables", "deliverable_quarters"]


@pytest.mark.parametrize("name", TABLES)
def test_pandas(curated, name):
    df = pd.read_parquet(curated / name, dtype_backend="pyarrow")
    spec = CURATED_TABLES[name]
    assert set(df.columns) == set(spec.column_names)
    assert df["release"].nunique() == 2
    for column in spec.columns:
        if column.name == "release":
            continue
        assert df[column.name].dtype.pyarrow_dtype == column.type, column.name


@pytest.mark.parametrize("name", TABLES)
def test_polars(curated, name):
    df = pl.read_parquet(curated / name / "**" / "*.parquet")
    spec = CURATED_TABLES[name]
    expected = {"string": pl.String, "int32": pl.Int32, "int64": pl.Int64, "int8": pl.Int8,
                "double": pl.Float64, "date32[day]": pl.Date}
    for column in spec.columns:
        if str(column.type) in expected:
            assert df.schema[column.name] == expected[str(column.type)], column.name
    assert df.height == 2 * {"activities": 28, "deliverables": 17, "deliverable_quarters": 68}[name]


@pytest.mark.parametrize("name", TABLES)
def test_duckdb(curated, name):
    relation = duckdb.sql(f"select * from read_parquet('{curated / name}/*/*.parquet')")
    types = dict(zip(relation.columns, map(str, relation.types)))
    expected = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "int8": "TINYINT",
                "double": "DOUBLE", "date32[day]": "DATE"}
    for column in CURATED_TABLES[name].columns:
        if str(column.type) in expected:
            assert types[column.name] == expected[str(column.type)], column.name
    assert types["release"] == "VARCHAR"


def test_missing_integers_are_null_not_nan(curated):
    table = pa.parquet.read_table(curated / "activities")
    sizes = table.column("audience_size")
    assert sizes.null_count > 0 and pa.types.is_int32(sizes.type)


def test_descriptions_in_field_metadata(curated):
    import pyarrow.parquet as pq

    schema = pq.read_schema(next((curated / "activities").glob("*/part-0.parquet")))
    for column in CURATED_TABLES["activities"].columns:
        assert schema.field(column.name).metadata[b"description"].decode() == column.description
