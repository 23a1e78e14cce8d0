"""Builds the long-lived parts of Tactful from settings: stores, models, library, pipeline.

Everything here is per process and rebuilt at start; nothing is shared between workers but the database
and the vector store, so several workers behind a proxy stay consistent.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from .culture.profiles import CultureRegistry
from .drafting.llm import OpenAIChatModel
from .drafting.llm_drafter import LLMDrafter
from .drafting.offline import OfflineDrafter
from .drafting.prompts import load_prompt
from .drafting.pipeline import SuggestionPipeline
from .knowledge.embeddings import Embedder, build_embedder
from .knowledge.ingest import IngestReport, ingest_library
from .knowledge.library import Library, load_library
from .knowledge.retrieval import Retriever
from .knowledge.tokens import TiktokenCounter
from .knowledge.vector_index import ChromaVectorIndex, VectorIndex
from .language import build_decider
from .privacy.redaction import Redactor
from .records.db import Database, migrate
from .records.suggestions import SuggestionRepository
from .records.tokens import TokenRepository
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    db: Database
    tokens: TokenRepository
    suggestions: SuggestionRepository
    library: Library
    cultures: CultureRegistry
    embedder: Embedder
    index: VectorIndex
    pipeline: SuggestionPipeline
    ingest_report: IngestReport
    llm: LLMDrafter | None = None  # None: the offline drafter drafts

    def close(self) -> None:
        self.db.close()


def build_vector_index(settings: Settings, model: str) -> VectorIndex:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if settings.chroma.host:
        return ChromaVectorIndex.server(settings.chroma.host, settings.chroma.port, model)
    return ChromaVectorIndex.embedded(settings.chroma_path, model)


def build_services(settings: Settings) -> Services:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url)
    migrate(db.engine)
    library = load_library(settings.seed_dir)
    cultures = CultureRegistry.from_dir(settings.seed_dir / "cultures")
    embedder = build_embedder(settings.embeddings)
    index = build_vector_index(settings, embedder.name)
    counter = TiktokenCounter(cache_dir=str(settings.data_dir / "tiktoken"))
    report = ingest_library(library, index, embedder, counter)
    suggestions = SuggestionRepository(db)
    if settings.privacy.retention_days > 0:
        purged = suggestions.purge_older_than(settings.privacy.retention_days)
        if purged:
            log.info("retention: deleted %d suggestions older than %d days", purged, settings.privacy.retention_days)
    pipeline = SuggestionPipeline(
        decider=build_decider(settings.language.expected, settings.language.fallback, settings.language.history_messages),
        cultures=cultures, library=library, retriever=Retriever(index, embedder),
        offline=OfflineDrafter(library), records=suggestions,
        redactor=Redactor(settings.privacy.patterns), company=settings.company_name,
    )
    _warm_up(pipeline)
    return Services(settings, db, TokenRepository(db), suggestions, library, cultures, embedder, index,
                    pipeline, report, build_llm_drafter(settings, pipeline))


def build_llm_drafter(settings: Settings, pipeline: SuggestionPipeline) -> LLMDrafter | None:
    llm = settings.llm
    if not llm.enabled:
        return None
    model = OpenAIChatModel(llm.base_url, llm.model, llm.api_key.get_secret_value() if llm.api_key else None,
                            llm.timeout_s, llm.retry_after_max_s)
    template = load_prompt(settings.prompts_dir, llm.prompt)
    return LLMDrafter(model, template, pipeline.offline, pipeline.decider.detector, llm.context_window,
                      llm.max_output_tokens, str(settings.data_dir / "tiktoken"))


def _warm_up(pipeline: SuggestionPipeline) -> None:
    """Load lazily-initialised models now, so the first agent does not wait for them."""
    pipeline.decider.decide(["Hello, where is my parcel?", "Hallo, wo ist mein Paket?"])
    pipeline.retriever.kb(pipeline.retriever.embed("warm-up"), 1)
