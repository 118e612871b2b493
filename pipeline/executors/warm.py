"""Imported by the fork server that `annex run --jobs N` forks its workers from
(pipeline.executors.local.worker_context): what every worker needs, imported once for all of them
instead of once in each (~3 s of CPU a worker, most of it Great Expectations)."""

import pipeline.flow  # noqa: F401 - the job the workers run
from pipeline.validate import gx_adapter

gx_adapter._gx()  # Great Expectations with its deferred imports and fast paths in place
