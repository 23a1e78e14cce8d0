"""Reading a conversation offline: intent, sentiment, urgency, the complaint step, the agent's moves, facts given,
per-message gists, and handoff summaries (with the model's version when one is configured)."""
