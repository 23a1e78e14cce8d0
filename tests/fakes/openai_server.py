"""A real OpenAI-compatible HTTP server for tests: scripted answers, failures, and a log of what it received.

server = FakeOpenAI.start()
server.enqueue(Reply(content='{"drafts": [...]}'))       # JSON answer (streamed if the client streams)
server.enqueue(Reply(status=429, headers={"Retry-After": "0.1"}))
server.enqueue(Reply(sleep=5))                             # slower than the client's timeout
server.enqueue(Reply(content="...", break_after=3))        # stream breaks after 3 chunks
server.requests                                            # JSON bodies received, in order
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ..conftest import ServerThread, free_port


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    sleep: float = 0.0
    chunk_chars: int = 12
    chunk_delay: float = 0.0
    break_after: int | None = None
    usage: tuple[int, int] = (321, 123)


class BrokenStream(Exception):
    pass


class FakeOpenAI:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict] = []
        self.chunk_times: list[float] = []  # when each streamed chunk was handed to the server
        self.cancelled = threading.Event()  # set from the server thread
        # response_format types this server refuses, with the status it answers (llama-cpp-python 0.3: 500)
        self.refuse_formats: dict[str, int] = {}
        self.app = Starlette(routes=[Route("/v1/chat/completions", self.chat, methods=["POST"])])
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = ServerThread(self.app, self.port)

    @classmethod
    def start(cls) -> FakeOpenAI:
        server = cls()
        server._thread.start_and_wait()
        return server

    def stop(self) -> None:
        self._thread.stop()

    def enqueue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def reset(self) -> None:
        self.refuse_formats.clear()
        self.replies.clear()
        self.requests.clear()
        self.chunk_times.clear()

    async def chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        asked = (body.get("response_format") or {}).get("type")
        if asked in self.refuse_formats:  # refused before any reply is used, as real servers do
            return JSONResponse(
                {
                    "error": {
                        "message": f"response_format type {asked} is not supported",
                        "type": "invalid_request_error",
                    }
                },
                status_code=self.refuse_formats[asked],
            )
        reply = self.replies.popleft() if self.replies else Reply(content='{"drafts": []}')
        if reply.sleep:
            await asyncio.sleep(reply.sleep)
        if reply.status != 200:
            return JSONResponse(
                {"error": {"message": "scripted failure", "type": "server_error"}},
                status_code=reply.status,
                headers=reply.headers,
            )
        if body.get("stream"):
            return StreamingResponse(self._chunks(reply, body), media_type="text/event-stream")
        return JSONResponse(self._completion(reply, body))

    def _completion(self, reply: Reply, body: dict) -> dict:
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "test"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": reply.usage[0],
                "completion_tokens": reply.usage[1],
                "total_tokens": sum(reply.usage),
            },
        }

    async def _chunks(self, reply: Reply, body: dict):
        base = {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "test"),
        }
        pieces = [
            reply.content[i : i + reply.chunk_chars] for i in range(0, len(reply.content), reply.chunk_chars)
        ]
        try:
            for n, piece in enumerate(pieces):
                if reply.break_after is not None and n >= reply.break_after:
                    raise BrokenStream("scripted break")
                chunk = {
                    **base,
                    "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                }
                self.chunk_times.append(time.perf_counter())
                yield f"data: {json.dumps(chunk)}\n\n"
                if reply.chunk_delay:
                    await asyncio.sleep(reply.chunk_delay)
            usage = {
                "prompt_tokens": reply.usage[0],
                "completion_tokens": reply.usage[1],
                "total_tokens": sum(reply.usage),
            }
            yield f"data: {json.dumps({**base, 'choices': [], 'usage': usage})}\n\n"
            yield "data: [DONE]\n\n"
        except asyncio.CancelledError:
            self.cancelled.set()
            raise
