"""A practice reply: feedback on the agent's words, the simulated customer's answer (scripted offline; worded by
the model in persona when one is configured), and the result when the session ends."""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from ..library.content import ContentState
from ..llm.call import ModelCall
from ..practice.model_customer import model_line
from ..practice.service import PracticeService
from ..records.tokens import TokenInfo
from ..seams import LanguageDetector
from .threads import in_thread


class PracticeReplies:
    def __init__(
        self,
        practice: PracticeService,
        content: ContentState,
        call: ModelCall | None,
        detector: LanguageDetector,
    ) -> None:
        self.practice, self.content, self.call, self.detector = practice, content, call, detector
        # One reply at a time per session: a reply reads the transcript, waits for the customer's answer, then
        # writes it back; two at once would each write their own copy and one would be lost.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def answer(self, token: TokenInfo, session_id: str, text: str) -> dict[str, Any]:
        lock = self._locks.get(session_id)
        if lock is None:
            lock = self._locks[session_id] = asyncio.Lock()
        async with lock:
            planned = await in_thread(self.practice.plan_reply, token, session_id, text)
            line, meaning, source = planned.line, planned.meaning, "script"
            if self.call is not None:
                template = self.content.current().prompts.get("practice_customer")
                line, meaning, source = await model_line(self.call, template, self.detector, planned)
            return await in_thread(self.practice.commit_reply, planned, line, meaning, source)
