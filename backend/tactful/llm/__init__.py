"""The model toolkit: the OpenAI-compatible client behind the chat seam, token counting and budgets, reading
the model's JSON, the output checks every feature shares, and `ModelCall`, the one routine every model call
goes through (render, fit, call, parse, check, fall back). It knows no feature and never calls back into one."""
