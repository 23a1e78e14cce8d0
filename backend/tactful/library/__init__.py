"""The library: every content kind supervisors curate (KB articles and phrases, culture profiles, prompt
templates, intents, practice scenarios, the QA rubric, helpdesk selectors), one validator per kind, seeding from
`kb_seed/` and `prompts/`, the published content each worker serves and reloads, and curation (save, publish,
roll back, retire, import and export). Content knows no feature: nothing here imports drafting, insight or the
model toolkit."""
