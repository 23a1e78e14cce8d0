"""A vector index that fails like an unreachable Chroma server or a corrupt store: every call raises."""

from __future__ import annotations


class BrokenIndex:
    def write(self, collection, items, vectors, delete=()):
        raise ConnectionError("vector store unreachable")

    def query(self, collection, vectors, n, where=None):
        raise ConnectionError("vector store unreachable")

    def ids(self, collection):
        raise ConnectionError("vector store unreachable")
