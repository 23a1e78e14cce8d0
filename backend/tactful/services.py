"""Builds the long-lived parts of Tactful from settings: stores, models, library, pipeline.

Everything here is per process and rebuilt at start; nothing is shared between workers but the database
and the vector store, so several workers behind a proxy stay consistent.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass

from .drafting.compose import Composer
from .drafting.llm_drafter import LLMDrafter
from .drafting.offline import OfflineDrafter, OfflineDrafting
from .drafting.pipeline import SuggestionPipeline
from .drafting.translate import Translator
from .drafting.types import Drafter
from .insight.engine import InsightEngine
from .insight.tone import load_tone_examples
from .knowledge.embeddings import Embedder, build_embedder
from .knowledge.ingest import IngestReport, ingest_library
from .knowledge.ranking import ranking_query
from .knowledge.retrieval import Retriever
from .knowledge.vector_index import ChromaVectorIndex, VectorIndex
from .language import build_decider
from .library.content import ContentState
from .library.curation import Curation
from .library.seed import seed_items
from .llm.budget import encoding_for_model
from .llm.call import ModelCall
from .llm.client import OpenAIChatModel
from .llm.tokens import TiktokenCounter
from .practice.coach import Coach
from .practice.service import PracticeService
from .privacy.redaction import Redactor
from .records.corrections import CorrectionRepository
from .records.db import Database, migrate
from .records.jobs import JobRepository
from .records.library import LibraryRepository
from .records.practice import PracticeRepository
from .records.qa import QARepository
from .records.suggestions import SuggestionRepository
from .records.tokens import TokenRepository
from .settings import Settings
from .usecases.library_tools import LibraryTools
from .usecases.practice_replies import PracticeReplies
from .usecases.reviews import Reviews
from .usecases.suggestions import Suggestions
from .usecases.summaries import Summaries
from .usecases.translation import Translation

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What the app serves with: the stores, the published content, and one use case per feature."""

    settings: Settings
    db: Database
    tokens: TokenRepository
    suggestions: SuggestionRepository
    library_store: LibraryRepository
    content: ContentState
    embedder: Embedder
    index: VectorIndex
    pipeline: SuggestionPipeline
    ingest_report: IngestReport
    qa: QARepository
    practice: PracticeService
    curation: Curation
    library_tools: LibraryTools
    reviews: Reviews
    flow: Suggestions
    translation: Translation
    summaries: Summaries
    practice_replies: PracticeReplies
    model: ModelCall | None  # None: no endpoint configured, the offline drafter drafts

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
    library_store = LibraryRepository(db)
    seeded = library_store.seed(seed_items(settings.seed_dir, settings.prompts_dir))
    if seeded:
        log.info("library: %d seed items added as version 1", seeded)
    embedder = build_embedder(settings.embeddings)
    index = build_vector_index(settings, embedder.name)
    counter = TiktokenCounter()
    reports: list[IngestReport] = []
    content = ContentState(
        library_store, lambda c: reports.append(ingest_library(c.library, index, embedder, counter))
    )
    suggestions = SuggestionRepository(db)
    if settings.privacy.retention_days > 0:
        purged = suggestions.purge_older_than(settings.privacy.retention_days)
        if purged:
            log.info(
                "retention: deleted %d suggestions older than %d days",
                purged,
                settings.privacy.retention_days,
            )
    pipeline = SuggestionPipeline(
        decider=build_decider(
            settings.language.expected,
            settings.language.fallback,
            settings.language.history_messages,
            settings.language.lingua,
        ),
        content=content,
        retriever=Retriever(index, embedder),
        offline=OfflineDrafter(),
        records=suggestions,
        redactor=Redactor(settings.privacy.patterns),
        company=settings.company_name,
        prompt_id=settings.llm.prompt,
        insight=InsightEngine(embedder, load_tone_examples(settings.seed_dir)),
    )
    _warm_up(pipeline)
    practice = PracticeService(
        PracticeRepository(db), content, Coach(pipeline.insight, settings.company_name)
    )
    qa = QARepository(db)
    curation = Curation(library_store, content, CorrectionRepository(db))
    tools = LibraryTools(library_store, content, pipeline, index, embedder, JobRepository(db), settings.llm)
    uses = _model_use_cases(settings, suggestions, pipeline, practice)
    base = Services(
        settings,
        db,
        TokenRepository(db),
        suggestions,
        library_store,
        content,
        embedder,
        index,
        pipeline,
        reports[-1],
        qa,
        practice,
        curation,
        tools,
        Reviews(suggestions, qa, CorrectionRepository(db), content),
        uses.flow,
        uses.translation,
        uses.summaries,
        uses.practice_replies,
        uses.model,
    )
    return base


def with_model(services: Services, settings: Settings) -> Services:
    """The same stores with the model-dependent use cases built for `settings.llm` (offline when none is set)."""
    uses = _model_use_cases(settings, services.suggestions, services.pipeline, services.practice)
    return dataclasses.replace(
        services,
        settings=settings,
        flow=uses.flow,
        translation=uses.translation,
        summaries=uses.summaries,
        practice_replies=uses.practice_replies,
        model=uses.model,
    )


@dataclass(frozen=True)
class _ModelUseCases:
    flow: Suggestions
    translation: Translation
    summaries: Summaries
    practice_replies: PracticeReplies
    model: ModelCall | None


def _model_use_cases(
    settings: Settings, records: SuggestionRepository, pipeline: SuggestionPipeline, practice: PracticeService
) -> _ModelUseCases:
    """The use cases that call a model when one is configured, each with exactly the parts it uses."""
    call = build_model_call(settings)
    detector, content = pipeline.decider.detector, pipeline.content
    drafter: Drafter = (
        LLMDrafter(call, pipeline.offline, detector) if call else OfflineDrafting(pipeline.offline)
    )
    flow = Suggestions(pipeline, drafter, Composer(call, detector), records, content)
    return _ModelUseCases(
        flow,
        Translation(pipeline, Translator(call), flow, content),
        Summaries(pipeline, content, call, detector, settings.privacy),
        PracticeReplies(practice, content, call, detector),
        call,
    )


def _warm_up(pipeline: SuggestionPipeline) -> None:
    """Load lazily-initialised models now, so the first agent does not wait for them."""
    pipeline.decider.decide(["Hello, where is my parcel?", "Hallo, wo ist mein Paket?"])
    content = pipeline.content.current()
    pipeline.ranker.rank(content.library, ranking_query(["warm-up"]), {})
    for language in sorted(
        content.library.phrase_languages()
    ):  # embeds the intent examples and each phrase set
        pipeline.insight.analyse(
            [("customer", "warm-up"), ("agent", "warm-up")],
            language,
            content.intents,
            [p for p in content.library.phrases if p.language == language],
        )


def build_model_call(settings: Settings) -> ModelCall | None:
    llm = settings.llm
    if not llm.enabled:
        return None
    model = OpenAIChatModel(
        llm.base_url,
        llm.model,
        llm.api_key.get_secret_value() if llm.api_key else None,
        llm.timeout_s,
        llm.retry_after_max_s,
    )
    return ModelCall(
        model, TiktokenCounter(encoding_for_model(llm.model)), llm.context_window, llm.max_output_tokens
    )
