"""Run the REAL argilla-server (2.x, from PyPI) with its search engine replaced by a no-op.

Elasticsearch/OpenSearch cannot be installed here (neither is in Debian; no other downloads).
Everything the SDK export path touches is served by the real server code and its SQLite database:
users, workspaces, datasets, fields, questions, records, responses (GET /api/v1/datasets/{id}/records
reads the database, not the search engine). Only the search index is a no-op: indexing calls do nothing,
and search/progress calls are never used by the export path (they would return empty results).

Usage: python argilla_server_nullsearch.py PORT   (with ARGILLA_HOME_PATH / ARGILLA_DATABASE_URL set)
"""
import sys
from contextlib import asynccontextmanager  # noqa: F401

import uvicorn

import argilla_server.search_engine as se
from argilla_server.search_engine.base import SearchEngine, SearchResponses
from argilla_server.settings import settings


class NullSearchEngine(SearchEngine):
    @classmethod
    async def new_instance(cls):
        return cls()

    async def close(self):
        pass

    async def ping(self):
        return True

    async def info(self):
        return {"backend": "null (fixture generator stub)"}

    async def create_index(self, dataset):
        pass

    async def delete_index(self, dataset):
        pass

    async def configure_metadata_property(self, dataset, metadata_property):
        pass

    async def index_records(self, dataset, records):
        pass

    async def partial_record_update(self, record, **update):
        pass

    async def delete_records(self, dataset, records):
        pass

    async def update_record_response(self, response):
        pass

    async def delete_record_response(self, response):
        pass

    async def update_record_suggestion(self, suggestion):
        pass

    async def delete_record_suggestion(self, suggestion):
        pass

    async def get_dataset_progress(self, dataset):
        return {"total": 0, "completed": 0, "pending": 0}

    async def get_dataset_user_progress(self, dataset, user):
        return {"total": 0, "submitted": 0, "discarded": 0, "draft": 0, "pending": 0}

    async def search(self, dataset, query=None, filter=None, sort=None, offset=0, limit=100, **kw):
        return SearchResponses(items=[], total=0)

    async def compute_metrics_for(self, metadata_property):
        raise NotImplementedError

    async def similarity_search(self, *a, **kw):
        return SearchResponses(items=[], total=0)


SearchEngine.registered_classes[settings.search_engine] = NullSearchEngine

if __name__ == "__main__":
    from argilla_server._app import create_server_app

    uvicorn.run(create_server_app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
