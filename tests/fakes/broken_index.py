"""A vector index that fails like an unreachable Chroma server or a corrupt store: every call raises."""

from __future__ import annotations


class BrokenIndex:
    def upsert(self, collection, items, vectors):
        raise ConnectionError("vector store unreachable")

    def query(self, collection, vector, n, only_ids_of=None):
        raise ConnectionError("vector store unreachable")

    def query_many(self, collection, vectors, n):
        raise ConnectionError("vector store unreachable")

    def delete(self, collection, ids):
        raise ConnectionError("vector store unreachable")

    def ids(self, collection):
        raise ConnectionError("vector store unreachable")
