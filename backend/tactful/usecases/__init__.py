"""One use case per feature, each owning its flow: suggestions (drafts, stream, compose, translate, preview),
handoff summaries, practice replies and QA reviews. Routes and console pages parse, call one use case and
render; use cases get their ports at start-up (`services.py`), never the container."""
